-- Records a call the voice webhook let through, in one round trip and one commit. Calls of one account are
-- recorded one at a time (an advisory lock on the account, held to the end of the transaction), so each sees
-- every call committed before it: one more call, holding `p_hold_cents`, must still fit the limits on calls in
-- progress and on money committed since `p_since` (the UTC day), for the account and for the seat. Statements
-- in a plpgsql function each see the latest committed data, so the count below follows the lock.
-- outcome: 'created'; 'exists' (the provider asked again for this CallSid: that call's answer); or the refusal
-- account_call_limit_reached, seat_call_limit_reached, account_daily_cap_reached, seat_daily_cap_reached.
CREATE FUNCTION calls_record(
  p_account_id uuid, p_user_id uuid, p_membership_id uuid, p_call_sid text, p_to_e164 text, p_country text,
  p_destination text, p_caller_id text, p_rate_micros integer, p_hold_id uuid, p_hold_cents bigint,
  p_time_limit_seconds integer, p_started_at timestamptz, p_since timestamptz,
  p_max_account integer, p_max_seat integer, p_cap_account bigint, p_cap_seat bigint
) RETURNS TABLE (outcome text, to_e164 text, caller_id text, time_limit_seconds integer)
LANGUAGE plpgsql AS $$
DECLARE
  account_active integer;
  seat_active integer;
  account_spent bigint;
  seat_spent bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(1667329132, hashtext(p_account_id::text));

  RETURN QUERY SELECT 'exists'::text, c.to_e164, c.caller_id, c.time_limit_seconds
    FROM calls c WHERE c.call_sid = p_call_sid;
  IF FOUND THEN RETURN; END IF;

  SELECT count(*) FILTER (WHERE c.settled_at IS NULL),
         count(*) FILTER (WHERE c.settled_at IS NULL AND c.membership_id = p_membership_id),
         coalesce(sum(coalesce(c.cost_cents, c.hold_cents)) FILTER (WHERE c.started_at >= p_since), 0),
         coalesce(sum(coalesce(c.cost_cents, c.hold_cents))
           FILTER (WHERE c.started_at >= p_since AND c.membership_id = p_membership_id), 0)
    INTO account_active, seat_active, account_spent, seat_spent
    FROM calls c
   WHERE c.account_id = p_account_id AND (c.settled_at IS NULL OR c.started_at >= p_since);

  outcome := CASE
    WHEN account_active >= p_max_account THEN 'account_call_limit_reached'
    WHEN seat_active >= p_max_seat THEN 'seat_call_limit_reached'
    WHEN account_spent + p_hold_cents > p_cap_account THEN 'account_daily_cap_reached'
    WHEN seat_spent + p_hold_cents > p_cap_seat THEN 'seat_daily_cap_reached'
    ELSE 'created' END;
  IF outcome <> 'created' THEN
    RETURN NEXT;
    RETURN;
  END IF;

  INSERT INTO calls (account_id, user_id, membership_id, call_sid, to_e164, country, destination, caller_id,
    rate_micros, hold_id, hold_cents, time_limit_seconds, started_at)
  VALUES (p_account_id, p_user_id, p_membership_id, p_call_sid, p_to_e164, p_country, p_destination,
    p_caller_id, p_rate_micros, p_hold_id, p_hold_cents, p_time_limit_seconds, p_started_at);
  to_e164 := p_to_e164;
  caller_id := p_caller_id;
  time_limit_seconds := p_time_limit_seconds;
  RETURN NEXT;
END;
$$;
