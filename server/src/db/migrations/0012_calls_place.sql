-- Keeps call_activity and call_spending (migration 0011) in step with calls, in the transaction that changes a
-- call: a call is active until settled, and commits its hold until settled, then its cost, on the UTC day it
-- started. An update takes the old row's part away and adds the new row's.
CREATE FUNCTION calls_count_usage() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE call_activity u SET active_calls = u.active_calls - 1
     WHERE OLD.settled_at IS NULL AND u.account_id = OLD.account_id AND u.membership_id = OLD.membership_id;
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
-- A hold on a wallet, as the ledger places it, in one function: the ledger's own `hold()` runs it, and so does
-- the call setup below, which must take the hold in the same transaction as the call it pays for. Reserves
-- p_amount of the owner's available credit unless a hold with this key exists; no row when the key is taken
-- or the available credit does not cover the amount. A concurrent insert of the same key still fails on
-- holds_idempotency_key_unique, as the single statement it replaces did.
CREATE FUNCTION ledger_place_hold(
  p_owner uuid, p_amount bigint, p_key text, p_expires_at timestamptz, p_reference text, p_memo text,
  p_actor text, p_now timestamptz
) RETURNS SETOF holds LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY
  WITH wallet AS (
    UPDATE ledger_accounts a SET held_cents = a.held_cents + p_amount
     WHERE a.account_id = p_owner AND a.balance_cents - a.held_cents >= p_amount
       AND NOT EXISTS (SELECT FROM holds h WHERE h.idempotency_key = p_key)
    RETURNING a.id
  )
  INSERT INTO holds (ledger_account_id, amount_cents, idempotency_key, expires_at, reference, memo, actor,
    created_at)
  SELECT wallet.id, p_amount, p_key, p_expires_at, p_reference, p_memo, p_actor, p_now FROM wallet
  RETURNING *;
END;
$$;
--> statement-breakpoint
-- Places a batch of calls the voice webhook let through: for each, the hold on the wallet and the call row,
-- all in one transaction (one commit for the batch). Items come sorted by account, so concurrent batches take
-- the accounts' advisory locks, and the ledger the wallets' row locks, in one order. Calls of one account are
-- placed one at a time under its advisory lock (held to the end of the transaction), so each sees every call
-- committed or placed before it: one more call, holding hold_cents[i], must still fit the limits on calls in
-- progress and on money committed on days[i] (the UTC day), for the account and for the seat (call_activity, call_spending), and the
-- wallet must still cover the hold. Statements in a plpgsql function each see the latest committed data, so
-- the counts below follow the lock; the trigger above counts each call placed.
-- One row per item, in the order given. outcome: 'created'; 'exists' (the provider asked again for this
-- CallSid: that call's answer); 'insufficient_funds' (another call took the credit meanwhile); or
-- account_call_limit_reached, seat_call_limit_reached, account_daily_cap_reached, seat_daily_cap_reached.
-- Replaces calls_record (0009), which recorded a call after a separately committed hold and summed the
-- account's calls of the day to check the limits.
CREATE FUNCTION calls_place(
  account_ids uuid[], user_ids uuid[], membership_ids uuid[], call_sids text[], to_e164s text[],
  countries text[], destinations text[], caller_ids text[], rates integer[], hold_cents bigint[],
  time_limits integer[], hold_keys text[], hold_actors text[], hold_expiries timestamptz[],
  started_ats timestamptz[], days date[],
  p_max_account integer, p_max_seat integer, p_cap_account bigint, p_cap_seat bigint
) RETURNS TABLE (item integer, outcome text, to_e164 text, caller_id text, time_limit_seconds integer)
LANGUAGE plpgsql AS $$
DECLARE
  account_active integer;
  seat_active integer;
  account_spent bigint;
  seat_spent bigint;
  held_id uuid;
BEGIN
  FOR i IN 1 .. coalesce(array_length(call_sids, 1), 0) LOOP
    item := i;
    PERFORM pg_advisory_xact_lock(1667329132, hashtext(account_ids[i]::text));

    SELECT c.to_e164, c.caller_id, c.time_limit_seconds INTO to_e164, caller_id, time_limit_seconds
      FROM calls c WHERE c.call_sid = call_sids[i];
    IF FOUND THEN
      outcome := 'exists';
      RETURN NEXT;
      CONTINUE;
    END IF;

    SELECT coalesce(sum(u.active_calls), 0),
           coalesce(sum(u.active_calls) FILTER (WHERE u.membership_id = membership_ids[i]), 0)
      INTO account_active, seat_active
      FROM call_activity u WHERE u.account_id = account_ids[i];
    SELECT coalesce(sum(u.committed_cents), 0),
           coalesce(sum(u.committed_cents) FILTER (WHERE u.membership_id = membership_ids[i]), 0)
      INTO account_spent, seat_spent
      FROM call_spending u WHERE u.account_id = account_ids[i] AND u.day = days[i];

    outcome := CASE
      WHEN account_active >= p_max_account THEN 'account_call_limit_reached'
      WHEN seat_active >= p_max_seat THEN 'seat_call_limit_reached'
      WHEN account_spent + hold_cents[i] > p_cap_account THEN 'account_daily_cap_reached'
      WHEN seat_spent + hold_cents[i] > p_cap_seat THEN 'seat_daily_cap_reached'
      ELSE 'created' END;

    held_id := NULL;
    IF outcome = 'created' AND hold_cents[i] > 0 THEN
      SELECT h.id INTO held_id
        FROM ledger_place_hold(account_ids[i], hold_cents[i], hold_keys[i], hold_expiries[i], call_sids[i],
          NULL, hold_actors[i], started_ats[i]) h;
      IF NOT FOUND THEN outcome := 'insufficient_funds'; END IF;
    END IF;

    IF outcome <> 'created' THEN
      to_e164 := NULL;
      caller_id := NULL;
      time_limit_seconds := NULL;
      RETURN NEXT;
      CONTINUE;
    END IF;

    INSERT INTO calls (account_id, user_id, membership_id, call_sid, to_e164, country, destination, caller_id,
      rate_micros, hold_id, hold_cents, time_limit_seconds, started_at)
    VALUES (account_ids[i], user_ids[i], membership_ids[i], call_sids[i], to_e164s[i], countries[i],
      destinations[i], caller_ids[i], rates[i], held_id, hold_cents[i], time_limits[i], started_ats[i]);
    to_e164 := to_e164s[i];
    caller_id := caller_ids[i];
    time_limit_seconds := time_limits[i];
    RETURN NEXT;
  END LOOP;
END;
$$;
--> statement-breakpoint
DROP FUNCTION calls_record(uuid, uuid, uuid, text, text, text, text, text, integer, uuid, bigint, integer,
  timestamptz, timestamptz, integer, integer, bigint, bigint);
