-- Posts a batch of transfers between wallets and system accounts: one round trip, one commit, and one lock
-- hold per wallet for the whole batch, however many of its transfers it holds. The caller passes the moves
-- sorted by owner (the ledger's lock order) and gets one row per move, in the order given, with each wallet's
-- balance after each of its moves:
--   applied        the transfer was written (in `posted`);
--   duplicate_key  its idempotency key was already used (the caller replays that transfer);
--   not_applied    the wallet does not exist or lacks the funds (the caller finds out which).
-- `deltas` are signed from the wallet's side: negative when the wallet pays the system account.
--
-- Two ways, one result. ledger_move_wallets posts the usual batch (every key new and distinct, every wallet able
-- to pay all of its debits whatever their order) with a handful of set-based statements; anything else goes
-- move by move through ledger_move_wallets_one_by_one.

CREATE OR REPLACE FUNCTION ledger_move_wallets_one_by_one(
  owners uuid[], deltas bigint[], system_ids uuid[], kinds text[], keys text[], refs text[], memos text[],
  actors text[], ats timestamptz[]
) RETURNS TABLE (item integer, outcome text, posted transfers) LANGUAGE plpgsql AS $$
DECLARE
  wallet_id uuid;
  balance bigint;
  moved transfers;
BEGIN
  FOR i IN 1 .. coalesce(array_length(owners, 1), 0) LOOP
    IF EXISTS (SELECT FROM transfers t WHERE t.idempotency_key = keys[i]) THEN
      RETURN QUERY SELECT i, 'duplicate_key'::text, NULL::transfers;
      CONTINUE;
    END IF;

    -- Takes the wallet's row lock, and checks the funds against its latest committed version.
    UPDATE ledger_accounts a SET balance_cents = a.balance_cents + deltas[i]
     WHERE a.account_id = owners[i] AND a.balance_cents - a.held_cents + deltas[i] >= 0
    RETURNING a.id, a.balance_cents INTO wallet_id, balance;
    IF NOT FOUND THEN
      RETURN QUERY SELECT i, 'not_applied'::text, NULL::transfers;
      CONTINUE;
    END IF;

    INSERT INTO transfers AS t (kind, debit_account_id, credit_account_id, amount_cents, idempotency_key,
      reference, memo, actor, debit_balance_after_cents, credit_balance_after_cents, created_at)
    VALUES (kinds[i],
      CASE WHEN deltas[i] < 0 THEN wallet_id ELSE system_ids[i] END,
      CASE WHEN deltas[i] < 0 THEN system_ids[i] ELSE wallet_id END,
      abs(deltas[i]), keys[i], refs[i], memos[i], actors[i],
      CASE WHEN deltas[i] < 0 THEN balance END, CASE WHEN deltas[i] > 0 THEN balance END, ats[i])
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING t.* INTO moved;
    IF NOT FOUND THEN
      -- Another transaction committed this key since the check above: undo this move, replay theirs.
      UPDATE ledger_accounts a SET balance_cents = a.balance_cents - deltas[i] WHERE a.id = wallet_id;
      RETURN QUERY SELECT i, 'duplicate_key'::text, NULL::transfers;
      CONTINUE;
    END IF;

    RETURN QUERY SELECT i, 'applied'::text, moved;
  END LOOP;
END;
$$;

CREATE OR REPLACE FUNCTION ledger_move_wallets(
  owners uuid[], deltas bigint[], system_ids uuid[], kinds text[], keys text[], refs text[], memos text[],
  actors text[], ats timestamptz[]
) RETURNS TABLE (item integer, outcome text, posted transfers) LANGUAGE plpgsql AS $$
DECLARE
  moves integer := coalesce(array_length(owners, 1), 0);
  together_items integer[];
  together transfers[];
BEGIN
  IF moves > 1
     AND (SELECT count(DISTINCT k) FROM unnest(keys) AS k) = moves
     AND NOT EXISTS (SELECT FROM transfers t WHERE t.idempotency_key = ANY (keys)) THEN
    BEGIN
      -- The wallets' row locks, taken in owner order (the ledger's lock order), before their funds are read.
      PERFORM FROM ledger_accounts a WHERE a.account_id = ANY (owners) ORDER BY a.account_id FOR UPDATE;
      IF NOT EXISTS (
        SELECT FROM (SELECT x.owner, sum(least(x.delta, 0)) AS debits
                       FROM unnest(owners, deltas) AS x(owner, delta) GROUP BY x.owner) AS wanted
          LEFT JOIN ledger_accounts a ON a.account_id = wanted.owner
         WHERE a.id IS NULL OR a.balance_cents - a.held_cents + wanted.debits < 0
      ) THEN
        WITH move AS (
          SELECT x.*,
                 sum(x.delta) OVER (PARTITION BY x.owner ORDER BY x.item) AS moved_so_far,
                 sum(x.delta) OVER (PARTITION BY x.owner) AS moved_in_all
            FROM unnest(owners, deltas, system_ids, kinds, keys, refs, memos, actors, ats)
                 WITH ORDINALITY AS x(owner, delta, system_id, kind, key, ref, memo, actor, at, item)
        ), wallet AS (
          UPDATE ledger_accounts a SET balance_cents = a.balance_cents + total.moved_in_all
            FROM (SELECT DISTINCT move.owner, move.moved_in_all FROM move) AS total
           WHERE a.account_id = total.owner
          RETURNING a.id, a.account_id, a.balance_cents - total.moved_in_all AS opening_cents
        ), inserted AS (
          -- In the order given, so that each wallet's transfers follow its balances after.
          INSERT INTO transfers AS t (kind, debit_account_id, credit_account_id, amount_cents, idempotency_key,
            reference, memo, actor, debit_balance_after_cents, credit_balance_after_cents, created_at)
          SELECT move.kind,
                 CASE WHEN move.delta < 0 THEN wallet.id ELSE move.system_id END,
                 CASE WHEN move.delta < 0 THEN move.system_id ELSE wallet.id END,
                 abs(move.delta), move.key, move.ref, move.memo, move.actor,
                 CASE WHEN move.delta < 0 THEN wallet.opening_cents + move.moved_so_far END,
                 CASE WHEN move.delta > 0 THEN wallet.opening_cents + move.moved_so_far END,
                 move.at
            FROM move JOIN wallet ON wallet.account_id = move.owner
           ORDER BY move.item
          RETURNING t.*
        )
        SELECT array_agg(move.item::integer), array_agg(ROW(inserted.*)::transfers)
          INTO together_items, together
          FROM inserted JOIN move ON move.key = inserted.idempotency_key;
      END IF;
    EXCEPTION WHEN unique_violation THEN
      -- Another transaction committed one of these keys since the check above: all of this block is undone,
      -- and the moves are posted one by one, where that key is answered as a duplicate. (Nothing is
      -- returned from inside the block, as a returned row would outlive its undoing.)
      NULL;
    END;
    IF together IS NOT NULL THEN
      RETURN QUERY SELECT together_items[n], 'applied'::text, together[n] FROM generate_subscripts(together, 1) AS n;
      RETURN;
    END IF;
  END IF;

  RETURN QUERY SELECT * FROM ledger_move_wallets_one_by_one(owners, deltas, system_ids, kinds, keys, refs, memos,
    actors, ats);
END;
$$;
