-- Posts a batch of transfers between wallets and system accounts in one statement: one round trip, one
-- commit, and one lock hold per wallet for the whole batch, however many of its transfers it holds. The
-- caller passes the moves sorted by owner (the ledger's lock order) and gets one row per move, by position:
--   applied        the transfer was written (in `posted`);
--   duplicate_key  its idempotency key was already used (the caller replays that transfer);
--   not_applied    the wallet does not exist or lacks the funds (the caller finds out which).
-- `deltas` are signed from the wallet's side: negative when the wallet pays the system account.
CREATE FUNCTION ledger_move_wallets(
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
