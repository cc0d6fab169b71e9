-- Holds on wallets. Published to other modules (see the ledger's README): ledger_place_holds,
-- ledger_lock_wallets and ledger_wallet_available; ledger_place_hold is the ledger's own `hold()`.

-- The shape of a hold to place, as one JSON record: what crosses into ledger_place_holds.
CREATE OR REPLACE FUNCTION ledger_hold_requests(wanted jsonb)
RETURNS TABLE (
  item integer, owner uuid, amount_cents bigint, idempotency_key text, expires_at timestamptz, reference text,
  memo text, actor text, created_at timestamptz
) LANGUAGE sql STABLE AS $$
  SELECT e.item::integer, x.owner, x.amount_cents, x.idempotency_key, x.expires_at, x.reference, x.memo, x.actor,
         x.created_at
    FROM jsonb_array_elements(wanted) WITH ORDINALITY AS e(record, item)
    CROSS JOIN LATERAL jsonb_to_record(e.record) AS x(
      owner uuid, amount_cents bigint, idempotency_key text, expires_at timestamptz, reference text, memo text,
      actor text, created_at timestamptz)
$$;

-- Takes the row locks of these owners' wallets in owner order (the ledger's lock order) and answers each
-- wallet's available credit (balance less holds) as of now. A caller that places holds later in the same
-- transaction may rely on that figure: nothing else can change the wallets until it commits.
-- PL/pgSQL, so that its plan is made once per connection.
CREATE OR REPLACE FUNCTION ledger_lock_wallets(owners uuid[])
RETURNS TABLE (owner uuid, available_cents bigint) LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN QUERY
  SELECT a.account_id, a.balance_cents - a.held_cents
    FROM ledger_accounts a WHERE a.account_id = ANY (owners) ORDER BY a.account_id FOR UPDATE;
END;
$$;

-- A wallet's available credit as last committed, without a lock; no row without a wallet.
CREATE OR REPLACE FUNCTION ledger_wallet_available(p_owner uuid)
RETURNS TABLE (available_cents bigint) LANGUAGE sql STABLE AS $$
  SELECT a.balance_cents - a.held_cents FROM ledger_accounts a WHERE a.account_id = p_owner LIMIT 1
$$;

-- Places holds, all or none. The wallets' row locks are taken in owner order before their funds are read.
-- Nothing is placed, and no row returned, when a key is repeated or already taken, or when a wallet cannot
-- cover the sum of its holds (the invariant: a wallet's available credit never goes below zero). A key
-- inserted meanwhile by another transaction still fails on holds_idempotency_key_unique. One row per hold, in
-- the order given.
-- A row is found by a lateral `… WHERE key = x LIMIT 1` on its unique index: the LIMIT keeps the planner from
-- turning the probe into a join, whose plan, cached while a table was small, would go on scanning all of it.
CREATE OR REPLACE FUNCTION ledger_place_holds(wanted jsonb)
RETURNS TABLE (item integer, placed holds) LANGUAGE plpgsql
-- Every statement here looks rows up by key: a plan made once per connection, not for each batch.
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  owners uuid[];
  amounts bigint[];
  keys text[];
  expiries timestamptz[];
  refs text[];
  memos text[];
  actors text[];
  ats timestamptz[];
  wanted_count integer;
BEGIN
  -- The records, read once.
  SELECT array_agg(w.owner ORDER BY w.item), array_agg(w.amount_cents ORDER BY w.item),
         array_agg(w.idempotency_key ORDER BY w.item), array_agg(w.expires_at ORDER BY w.item),
         array_agg(w.reference ORDER BY w.item), array_agg(w.memo ORDER BY w.item),
         array_agg(w.actor ORDER BY w.item), array_agg(w.created_at ORDER BY w.item), count(*)
    INTO owners, amounts, keys, expiries, refs, memos, actors, ats, wanted_count
    FROM ledger_hold_requests(wanted) w;
  IF wanted_count = 0
     OR (SELECT count(DISTINCT k) FROM unnest(keys) AS k) <> wanted_count
     OR EXISTS (SELECT FROM unnest(keys) AS k(key)
                  CROSS JOIN LATERAL (SELECT FROM holds h WHERE h.idempotency_key = k.key LIMIT 1) AS h) THEN
    RETURN;
  END IF;
  PERFORM FROM ledger_accounts a WHERE a.account_id = ANY (owners) ORDER BY a.account_id FOR UPDATE;
  IF EXISTS (
    SELECT FROM (SELECT x.owner, sum(x.amount) AS total FROM unnest(owners, amounts) AS x(owner, amount)
                  GROUP BY x.owner) AS wallet_total
      LEFT JOIN LATERAL (SELECT a.id, a.balance_cents - a.held_cents AS available
                           FROM ledger_accounts a WHERE a.account_id = wallet_total.owner LIMIT 1) AS a ON true
     WHERE a.id IS NULL OR a.available < wallet_total.total
  ) THEN
    RETURN;
  END IF;
  UPDATE ledger_accounts a
     SET held_cents = a.held_cents + (SELECT sum(x.amount) FROM unnest(owners, amounts) AS x(owner, amount)
                                       WHERE x.owner = a.account_id)
   WHERE a.account_id = ANY (owners);
  RETURN QUERY
  WITH wanted_hold AS (
    SELECT x.* FROM unnest(owners, amounts, keys, expiries, refs, memos, actors, ats)
      WITH ORDINALITY AS x(owner, amount, key, expires_at, ref, memo, actor, at, item)
  ), inserted AS (
    INSERT INTO holds AS h (ledger_account_id, amount_cents, idempotency_key, expires_at, reference, memo,
      actor, created_at)
    SELECT a.id, w.amount, w.key, w.expires_at, w.ref, w.memo, w.actor, w.at
      FROM wanted_hold w
      CROSS JOIN LATERAL (SELECT a.id FROM ledger_accounts a WHERE a.account_id = w.owner LIMIT 1) AS a
     ORDER BY w.item
    RETURNING h.*
  )
  SELECT w.item::integer, ROW(inserted.*)::holds
    FROM inserted JOIN wanted_hold w ON w.key = inserted.idempotency_key
   ORDER BY w.item;
END;
$$;

-- One hold: a row when placed; none when the key is taken or the available credit does not cover it.
CREATE OR REPLACE FUNCTION ledger_place_hold(
  p_owner uuid, p_amount bigint, p_key text, p_expires_at timestamptz, p_reference text, p_memo text,
  p_actor text, p_now timestamptz
) RETURNS SETOF holds LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY SELECT (h.placed).* FROM ledger_place_holds(jsonb_build_array(jsonb_build_object(
    'owner', p_owner, 'amount_cents', p_amount, 'idempotency_key', p_key, 'expires_at', p_expires_at,
    'reference', p_reference, 'memo', p_memo, 'actor', p_actor, 'created_at', p_now))) h;
END;
$$;
