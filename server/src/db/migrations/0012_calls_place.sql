-- Keeps call_activity and call_spending (migration 0011) in step with calls, in the transaction that changes a
-- call: a call is active until settled, and commits its hold until settled, then its cost, on the UTC day it
-- started. An update takes the old row's part away and adds the new row's.
CREATE FUNCTION calls_count_usage() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    IF OLD.settled_at IS NULL THEN
      UPDATE call_activity u SET active_calls = u.active_calls - 1
       WHERE u.account_id = OLD.account_id AND u.membership_id = OLD.membership_id;
    END IF;
    UPDATE call_spending u SET committed_cents = u.committed_cents - coalesce(OLD.cost_cents, OLD.hold_cents)
     WHERE u.account_id = OLD.account_id AND u.day = (OLD.started_at AT TIME ZONE 'UTC')::date
       AND u.membership_id = OLD.membership_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    IF NEW.settled_at IS NULL THEN
      INSERT INTO call_activity AS u (account_id, membership_id, active_calls)
      VALUES (NEW.account_id, NEW.membership_id, 1)
      ON CONFLICT (account_id, membership_id) DO UPDATE SET active_calls = u.active_calls + 1;
    END IF;
    INSERT INTO call_spending AS u (account_id, day, membership_id, committed_cents)
    VALUES (NEW.account_id, (NEW.started_at AT TIME ZONE 'UTC')::date, NEW.membership_id,
      coalesce(NEW.cost_cents, NEW.hold_cents))
    ON CONFLICT (account_id, day, membership_id) DO UPDATE
      SET committed_cents = u.committed_cents + excluded.committed_cents;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER calls_usage_on_insert_or_delete AFTER INSERT OR DELETE ON calls
  FOR EACH ROW EXECUTE FUNCTION calls_count_usage();
--> statement-breakpoint
CREATE TRIGGER calls_usage_on_update AFTER UPDATE ON calls
  FOR EACH ROW WHEN (
    OLD.settled_at IS DISTINCT FROM NEW.settled_at OR OLD.cost_cents IS DISTINCT FROM NEW.cost_cents
    OR OLD.hold_cents IS DISTINCT FROM NEW.hold_cents OR OLD.started_at IS DISTINCT FROM NEW.started_at
    OR OLD.account_id IS DISTINCT FROM NEW.account_id OR OLD.membership_id IS DISTINCT FROM NEW.membership_id
  ) EXECUTE FUNCTION calls_count_usage();
--> statement-breakpoint
INSERT INTO call_activity (account_id, membership_id, active_calls)
SELECT account_id, membership_id, count(*) FROM calls WHERE settled_at IS NULL GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO call_spending (account_id, day, membership_id, committed_cents)
SELECT account_id, (started_at AT TIME ZONE 'UTC')::date, membership_id, sum(coalesce(cost_cents, hold_cents))
  FROM calls GROUP BY 1, 2, 3;
--> statement-breakpoint
-- Holds on wallets, as the ledger places them, all or none: the ledger's own `hold()` places one through
-- ledger_place_hold below, and the call setup places a batch in the transaction that records the calls they
-- pay for. The wallets' row locks are taken in owner order (the ledger's lock order) before their funds are
-- read. Nothing is placed, and no row returned, when a key is repeated or already taken, or when a wallet
-- cannot cover the sum of its holds. A key inserted meanwhile by another transaction still fails on
-- holds_idempotency_key_unique. One row per hold, in the order given.
-- Here and in calls_place, a row is found by a lateral `… WHERE key = x LIMIT 1` on its unique index: the
-- LIMIT keeps the planner from turning the probe into a join, whose plan, cached while a table was small,
-- would go on scanning all of it as the table grows.
CREATE FUNCTION ledger_place_holds(
  owners uuid[], amounts bigint[], keys text[], expiries timestamptz[], refs text[], memos text[],
  actors text[], ats timestamptz[]
) RETURNS TABLE (item integer, placed holds) LANGUAGE plpgsql
-- Every statement here looks rows up by key, whatever the arrays hold: planning each call for its arrays
-- (PostgreSQL's default for parameterised statements it finds cheaper that way) costs more than it saves.
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  wanted integer := coalesce(array_length(owners, 1), 0);
BEGIN
  IF wanted = 0
     OR (SELECT count(DISTINCT k) FROM unnest(keys) AS k) <> wanted
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
--> statement-breakpoint
-- One hold: a row when placed; none when the key is taken or the available credit does not cover it.
CREATE FUNCTION ledger_place_hold(
  p_owner uuid, p_amount bigint, p_key text, p_expires_at timestamptz, p_reference text, p_memo text,
  p_actor text, p_now timestamptz
) RETURNS SETOF holds LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY SELECT (h.placed).* FROM ledger_place_holds(ARRAY[p_owner], ARRAY[p_amount], ARRAY[p_key],
    ARRAY[p_expires_at], ARRAY[p_reference], ARRAY[p_memo], ARRAY[p_actor], ARRAY[p_now]) h;
END;
$$;
--> statement-breakpoint
-- Places a batch of calls the voice webhook let through, in one transaction (one commit for the batch): the
-- holds that pay for their worst case, through ledger_place_holds, and the call rows. Items come sorted by
-- account. The accounts' advisory locks are taken first, in account order, then the wallets' row locks (the
-- ledger's order), so that calls of one account are placed one batch at a time and each batch sees every call
-- committed before it: statements in a plpgsql function each see the latest committed data.
-- Each call, in the order given, must still fit the limits on calls in progress and on money committed on
-- days[i] (its UTC day), for the account and for the seat, counting the calls before it in the batch; and its
-- wallet must still cover its hold after theirs. One row per item, in the order given. outcome: 'created';
-- 'exists' (the provider asked again for this CallSid: that call's answer); 'insufficient_funds' (another
-- call took the credit since the caller's snapshot); or account_call_limit_reached, seat_call_limit_reached,
-- account_daily_cap_reached, seat_daily_cap_reached.
-- Replaces calls_record (0009), which recorded a call after a separately committed hold and summed the
-- account's calls of the day to check the limits.
CREATE FUNCTION calls_place(
  account_ids uuid[], user_ids uuid[], membership_ids uuid[], call_sids text[], to_e164s text[],
  countries text[], destinations text[], caller_ids text[], rates integer[], hold_cents bigint[],
  time_limits integer[], hold_keys text[], hold_actors text[], hold_expiries timestamptz[],
  started_ats timestamptz[], days date[],
  p_max_account integer, p_max_seat integer, p_cap_account bigint, p_cap_seat bigint
) RETURNS TABLE (item integer, outcome text, to_e164 text, caller_id text, time_limit_seconds integer)
LANGUAGE plpgsql
-- As for ledger_place_holds: plans made once per connection, not for each batch's arrays.
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  n integer := coalesce(array_length(call_sids, 1), 0);
  outcomes text[] := array_fill(NULL::text, ARRAY[n]);
  answer_to text[] := to_e164s;
  answer_caller text[] := caller_ids;
  answer_limit integer[] := time_limits;
  -- What was committed before the batch, per item: calls in progress and money committed today (account,
  -- seat), and the wallet's available credit.
  base_account_active integer[];
  base_seat_active integer[];
  base_account_spent bigint[];
  base_seat_spent bigint[];
  base_available bigint[];
  -- Calls already placed with these CallSids.
  known_sids text[];
  known_to text[];
  known_callers text[];
  known_limits integer[];
  -- What the calls created so far in this batch add, for the current account (items come by account).
  current_account uuid;
  added_active integer;
  added_holds bigint;
  added_day date[];
  added_day_spent bigint[];
  added_seat uuid[];
  added_seat_active integer[];
  added_seat_day text[];
  added_seat_day_spent bigint[];
  created_items integer[] := '{}';
  -- The holds to place: the items they pay for, and ledger_place_holds' arguments.
  hold_items integer[] := '{}';
  hold_owners uuid[] := '{}';
  hold_amounts bigint[] := '{}';
  hold_keys_wanted text[] := '{}';
  hold_expiries_wanted timestamptz[] := '{}';
  hold_refs text[] := '{}';
  hold_memos text[] := '{}';
  hold_actors_wanted text[] := '{}';
  hold_ats timestamptz[] := '{}';
  hold_ids uuid[] := array_fill(NULL::uuid, ARRAY[n]);
  placed_holds integer;
  placed_hold record;
  seat_day text;
  k integer;
  account_active integer;
  seat_active integer;
  account_spent bigint;
  seat_spent bigint;
BEGIN
  IF n = 0 THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock(1667329132, hashtext(x.account_id::text))
     FROM (SELECT DISTINCT a AS account_id FROM unnest(account_ids) AS a ORDER BY 1) AS x;
  PERFORM FROM ledger_accounts a WHERE a.account_id = ANY (account_ids) ORDER BY a.account_id FOR UPDATE;

  SELECT array_agg(c.call_sid), array_agg(c.to_e164), array_agg(c.caller_id), array_agg(c.time_limit_seconds)
    INTO known_sids, known_to, known_callers, known_limits
    FROM unnest(call_sids) AS s(sid)
    CROSS JOIN LATERAL (SELECT c.* FROM calls c WHERE c.call_sid = s.sid LIMIT 1) AS c;

  SELECT array_agg(coalesce(activity.account_active, 0) ORDER BY x.i),
         array_agg(coalesce(activity.seat_active, 0) ORDER BY x.i),
         array_agg(coalesce(spending.account_spent, 0) ORDER BY x.i),
         array_agg(coalesce(spending.seat_spent, 0) ORDER BY x.i),
         array_agg(coalesce(wallet.available, 0) ORDER BY x.i)
    INTO base_account_active, base_seat_active, base_account_spent, base_seat_spent, base_available
    FROM unnest(account_ids, membership_ids, days) WITH ORDINALITY AS x(account_id, membership_id, day, i)
    LEFT JOIN LATERAL (SELECT w.balance_cents - w.held_cents AS available
                         FROM ledger_accounts w WHERE w.account_id = x.account_id LIMIT 1) AS wallet ON true
    LEFT JOIN LATERAL (
      SELECT sum(u.active_calls) AS account_active,
             sum(u.active_calls) FILTER (WHERE u.membership_id = x.membership_id) AS seat_active
        FROM call_activity u WHERE u.account_id = x.account_id
    ) AS activity ON true
    LEFT JOIN LATERAL (
      SELECT sum(u.committed_cents) AS account_spent,
             sum(u.committed_cents) FILTER (WHERE u.membership_id = x.membership_id) AS seat_spent
        FROM call_spending u WHERE u.account_id = x.account_id AND u.day = x.day
    ) AS spending ON true;

  FOR i IN 1 .. n LOOP
    -- Asked again: the call placed before, or earlier in this batch.
    k := array_position(known_sids, call_sids[i]);
    IF k IS NOT NULL THEN
      outcomes[i] := 'exists';
      answer_to[i] := known_to[k];
      answer_caller[i] := known_callers[k];
      answer_limit[i] := known_limits[k];
      CONTINUE;
    END IF;
    k := array_position(call_sids, call_sids[i]);
    IF k < i THEN
      outcomes[i] := CASE WHEN outcomes[k] IN ('created', 'exists') THEN 'exists' ELSE outcomes[k] END;
      answer_to[i] := answer_to[k];
      answer_caller[i] := answer_caller[k];
      answer_limit[i] := answer_limit[k];
      CONTINUE;
    END IF;

    IF current_account IS DISTINCT FROM account_ids[i] THEN
      current_account := account_ids[i];
      added_active := 0;
      added_holds := 0;
      added_day := '{}';
      added_day_spent := '{}';
      added_seat := '{}';
      added_seat_active := '{}';
      added_seat_day := '{}';
      added_seat_day_spent := '{}';
    END IF;
    seat_day := membership_ids[i]::text || '/' || days[i]::text;
    account_active := base_account_active[i] + added_active;
    seat_active := base_seat_active[i]
      + coalesce(added_seat_active[array_position(added_seat, membership_ids[i])], 0);
    account_spent := base_account_spent[i]
      + coalesce(added_day_spent[array_position(added_day, days[i])], 0);
    seat_spent := base_seat_spent[i]
      + coalesce(added_seat_day_spent[array_position(added_seat_day, seat_day)], 0);

    outcomes[i] := CASE
      WHEN account_active >= p_max_account THEN 'account_call_limit_reached'
      WHEN seat_active >= p_max_seat THEN 'seat_call_limit_reached'
      WHEN account_spent + hold_cents[i] > p_cap_account THEN 'account_daily_cap_reached'
      WHEN seat_spent + hold_cents[i] > p_cap_seat THEN 'seat_daily_cap_reached'
      WHEN hold_cents[i] > base_available[i] - added_holds THEN 'insufficient_funds'
      ELSE 'created' END;
    IF outcomes[i] <> 'created' THEN CONTINUE; END IF;

    created_items := created_items || i;
    IF hold_cents[i] > 0 THEN
      hold_items := hold_items || i;
      hold_owners := hold_owners || account_ids[i];
      hold_amounts := hold_amounts || hold_cents[i];
      hold_keys_wanted := hold_keys_wanted || hold_keys[i];
      hold_expiries_wanted := hold_expiries_wanted || hold_expiries[i];
      hold_refs := hold_refs || call_sids[i];
      hold_memos := hold_memos || NULL::text;
      hold_actors_wanted := hold_actors_wanted || hold_actors[i];
      hold_ats := hold_ats || started_ats[i];
    END IF;
    added_active := added_active + 1;
    added_holds := added_holds + hold_cents[i];
    k := array_position(added_day, days[i]);
    IF k IS NULL THEN
      added_day := added_day || days[i];
      added_day_spent := added_day_spent || hold_cents[i];
    ELSE
      added_day_spent[k] := added_day_spent[k] + hold_cents[i];
    END IF;
    k := array_position(added_seat, membership_ids[i]);
    IF k IS NULL THEN
      added_seat := added_seat || membership_ids[i];
      added_seat_active := added_seat_active || 1;
    ELSE
      added_seat_active[k] := added_seat_active[k] + 1;
    END IF;
    k := array_position(added_seat_day, seat_day);
    IF k IS NULL THEN
      added_seat_day := added_seat_day || seat_day;
      added_seat_day_spent := added_seat_day_spent || hold_cents[i];
    ELSE
      added_seat_day_spent[k] := added_seat_day_spent[k] + hold_cents[i];
    END IF;
  END LOOP;

  IF cardinality(hold_items) > 0 THEN
    placed_holds := 0;
    FOR placed_hold IN
      SELECT h.item AS position, (h.placed).id AS id
        FROM ledger_place_holds(hold_owners, hold_amounts, hold_keys_wanted, hold_expiries_wanted, hold_refs,
          hold_memos, hold_actors_wanted, hold_ats) AS h
    LOOP
      hold_ids[hold_items[placed_hold.position]] := placed_hold.id;
      placed_holds := placed_holds + 1;
    END LOOP;
    -- Only a hold key taken without its call could refuse them: the batch fails, and the caller places its
    -- calls one by one.
    IF placed_holds <> cardinality(hold_items) THEN
      RAISE EXCEPTION 'calls_place: % of % holds placed', placed_holds, cardinality(hold_items);
    END IF;
  END IF;

  INSERT INTO calls (account_id, user_id, membership_id, call_sid, to_e164, country, destination, caller_id,
    rate_micros, hold_id, hold_cents, time_limit_seconds, started_at)
  SELECT account_ids[j], user_ids[j], membership_ids[j], call_sids[j], to_e164s[j], countries[j],
         destinations[j], caller_ids[j], rates[j], hold_ids[j], hold_cents[j], time_limits[j], started_ats[j]
    FROM unnest(created_items) AS j;

  RETURN QUERY
  SELECT j, outcomes[j],
         CASE WHEN outcomes[j] IN ('created', 'exists') THEN answer_to[j] END,
         CASE WHEN outcomes[j] IN ('created', 'exists') THEN answer_caller[j] END,
         CASE WHEN outcomes[j] IN ('created', 'exists') THEN answer_limit[j] END
    FROM generate_series(1, n) AS j;
END;
$$;
--> statement-breakpoint
DROP FUNCTION calls_record(uuid, uuid, uuid, text, text, text, text, text, integer, uuid, bigint, integer,
  timestamptz, timestamptz, integer, integer, bigint, bigint);
