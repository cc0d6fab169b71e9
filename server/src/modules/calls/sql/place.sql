-- The placement of a batch of call setups (the voice webhook's second round trip), in one transaction: the
-- holds that pay for each call's worst case (through the ledger's ledger_place_holds) and the call rows.
--
-- The rules of a call (destinations, rates, how many minutes the credit and the caps buy) are decided in
-- TypeScript before a call comes here (call-policy.domain.ts). What is checked here are the invariants that
-- calls placed at the same moment could break together, and only they, each named as in call-policy.domain.ts
-- (`placementRefusal`, in the same order):
--   simultaneous_calls     calls in progress stay below the limits, account then seat;
--   daily_caps             money committed on a UTC day stays within the caps, account then seat;
--   wallet_never_negative  a wallet's holds never exceed its available credit.
-- Each call is checked, in the order given, against what was committed before the batch and what the calls
-- before it in the batch add.

-- The shape of one call to place, as one JSON record: what crosses into calls_place.
CREATE OR REPLACE FUNCTION calls_placement_items(batch jsonb)
RETURNS TABLE (
  item integer, account_id uuid, user_id uuid, membership_id uuid, call_sid text, to_e164 text, country text,
  destination text, caller_id text, rate_micros integer, hold_cents bigint, time_limit_seconds integer,
  hold_key text, hold_actor text, hold_expires_at timestamptz, started_at timestamptz, day date
) LANGUAGE sql STABLE AS $$
  SELECT e.item::integer, x.account_id, x.user_id, x.membership_id, x.call_sid, x.to_e164, x.country,
         x.destination, x.caller_id, x.rate_micros, x.hold_cents, x.time_limit_seconds, x.hold_key,
         x.hold_actor, x.hold_expires_at, x.started_at, x.day
    FROM jsonb_array_elements(batch) WITH ORDINALITY AS e(record, item)
    CROSS JOIN LATERAL jsonb_to_record(e.record) AS x(
      account_id uuid, user_id uuid, membership_id uuid, call_sid text, to_e164 text, country text,
      destination text, caller_id text, rate_micros integer, hold_cents bigint, time_limit_seconds integer,
      hold_key text, hold_actor text, hold_expires_at timestamptz, started_at timestamptz, day date)
$$;

-- One row per item, in the order given. outcome: 'created'; 'exists' (the provider asked again for this
-- CallSid: that call's answer, also for a CallSid repeated within the batch); or the invariant's refusal:
-- account_call_limit_reached, seat_call_limit_reached, account_daily_cap_reached, seat_daily_cap_reached,
-- insufficient_funds. Items come sorted by account (the lock order).
CREATE OR REPLACE FUNCTION calls_place(
  batch jsonb, max_account integer, max_seat integer, cap_account bigint, cap_seat bigint
) RETURNS TABLE (item integer, outcome text, to_e164 text, caller_id text, time_limit_seconds integer)
LANGUAGE plpgsql
-- Plans made once per connection, not for each batch.
SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
DECLARE
  c record;
  account_ids uuid[];
  -- Each account's available credit as locked.
  available jsonb;
  -- The answers so far, by item: for a CallSid asked twice within the batch.
  sids text[] := '{}';
  outcomes text[] := '{}';
  answer_to text[] := '{}';
  answer_caller text[] := '{}';
  answer_limit integer[] := '{}';
  earlier integer;
  -- What the calls placed so far in this batch add for the current account (items come by account): calls
  -- in progress by 'account' and 'seat:<id>', money committed by '<day>' and 'seat:<id>/<day>', holds.
  current_account uuid;
  added_active jsonb;
  added_spent jsonb;
  added_held bigint;
  seat_key text;
  seat_day text;
  account_active integer;
  seat_active integer;
  account_spent bigint;
  seat_spent bigint;
  wallet bigint;
  created_items integer[] := '{}';
  holds_wanted jsonb;
  hold_ids jsonb;
  holds_placed integer;
BEGIN
  -- Calls of one account are placed one batch at a time: the accounts' advisory locks in account order, then
  -- their wallets' row locks (the ledger's order). Each statement of a PL/pgSQL function sees the latest
  -- committed data, so what is read below follows every call committed before the locks.
  SELECT array_agg(DISTINCT (x ->> 'account_id')::uuid ORDER BY (x ->> 'account_id')::uuid) INTO account_ids
    FROM jsonb_array_elements(batch) AS x;
  PERFORM pg_advisory_xact_lock(1667329132, hashtext(a::text)) FROM unnest(account_ids) AS a;
  SELECT coalesce(jsonb_object_agg(w.owner, w.available_cents), '{}') INTO available
    FROM ledger_lock_wallets(account_ids) AS w;

  FOR c IN
    SELECT p.*, known.to_e164 AS known_to, known.caller_id AS known_caller_id,
           known.time_limit_seconds AS known_time_limit,
           coalesce(activity.account_active, 0) AS base_account_active,
           coalesce(activity.seat_active, 0) AS base_seat_active,
           coalesce(spending.account_spent, 0) AS base_account_spent,
           coalesce(spending.seat_spent, 0) AS base_seat_spent
      FROM calls_placement_items(batch) p
      LEFT JOIN LATERAL (SELECT k.to_e164, k.caller_id, k.time_limit_seconds
                           FROM calls k WHERE k.call_sid = p.call_sid LIMIT 1) AS known ON true
      LEFT JOIN LATERAL (
        SELECT sum(u.active_calls) AS account_active,
               sum(u.active_calls) FILTER (WHERE u.membership_id = p.membership_id) AS seat_active
          FROM call_activity u WHERE u.account_id = p.account_id
      ) AS activity ON true
      LEFT JOIN LATERAL (
        SELECT sum(u.committed_cents) AS account_spent,
               sum(u.committed_cents) FILTER (WHERE u.membership_id = p.membership_id) AS seat_spent
          FROM call_spending u WHERE u.account_id = p.account_id AND u.day = p.day
      ) AS spending ON true
     ORDER BY p.item
  LOOP
    earlier := array_position(sids, c.call_sid);
    sids := sids || c.call_sid;
    IF c.known_to IS NOT NULL THEN
      -- Placed before this batch.
      outcome := 'exists';
      to_e164 := c.known_to;
      caller_id := c.known_caller_id;
      time_limit_seconds := c.known_time_limit;
    ELSIF earlier IS NOT NULL THEN
      -- Asked twice within this batch: answered as the first time.
      outcome := CASE WHEN outcomes[earlier] = 'created' THEN 'exists' ELSE outcomes[earlier] END;
      to_e164 := answer_to[earlier];
      caller_id := answer_caller[earlier];
      time_limit_seconds := answer_limit[earlier];
    ELSE
      IF current_account IS DISTINCT FROM c.account_id THEN
        current_account := c.account_id;
        added_active := '{}';
        added_spent := '{}';
        added_held := 0;
      END IF;
      seat_key := 'seat:' || c.membership_id;
      seat_day := seat_key || '/' || c.day;
      account_active := c.base_account_active + coalesce((added_active ->> 'account')::integer, 0);
      seat_active := c.base_seat_active + coalesce((added_active ->> seat_key)::integer, 0);
      account_spent := c.base_account_spent + coalesce((added_spent ->> c.day::text)::bigint, 0);
      seat_spent := c.base_seat_spent + coalesce((added_spent ->> seat_day)::bigint, 0);
      wallet := coalesce((available ->> c.account_id::text)::bigint, 0) - added_held;

      outcome := CASE
        -- simultaneous_calls
        WHEN account_active >= max_account THEN 'account_call_limit_reached'
        WHEN seat_active >= max_seat THEN 'seat_call_limit_reached'
        -- daily_caps
        WHEN account_spent + c.hold_cents > cap_account THEN 'account_daily_cap_reached'
        WHEN seat_spent + c.hold_cents > cap_seat THEN 'seat_daily_cap_reached'
        -- wallet_never_negative
        WHEN c.hold_cents > wallet THEN 'insufficient_funds'
        ELSE 'created' END;

      IF outcome = 'created' THEN
        to_e164 := c.to_e164;
        caller_id := c.caller_id;
        time_limit_seconds := c.time_limit_seconds;
        created_items := created_items || c.item;
        added_active := added_active || jsonb_build_object('account', account_active - c.base_account_active + 1,
          seat_key, seat_active - c.base_seat_active + 1);
        added_spent := added_spent || jsonb_build_object(
          c.day::text, account_spent - c.base_account_spent + c.hold_cents,
          seat_day, seat_spent - c.base_seat_spent + c.hold_cents);
        added_held := added_held + c.hold_cents;
      ELSE
        to_e164 := NULL;
        caller_id := NULL;
        time_limit_seconds := NULL;
      END IF;
    END IF;
    item := c.item;
    outcomes := outcomes || outcome;
    answer_to := answer_to || to_e164;
    answer_caller := answer_caller || caller_id;
    answer_limit := answer_limit || time_limit_seconds;
    RETURN NEXT;
  END LOOP;

  SELECT jsonb_agg(jsonb_build_object(
           'owner', p.account_id, 'amount_cents', p.hold_cents, 'idempotency_key', p.hold_key,
           'expires_at', p.hold_expires_at, 'reference', p.call_sid, 'memo', NULL, 'actor', p.hold_actor,
           'created_at', p.started_at) ORDER BY p.item), count(*)
    INTO holds_wanted, holds_placed
    FROM calls_placement_items(batch) p
   WHERE p.item = ANY (created_items) AND p.hold_cents > 0;
  IF holds_placed > 0 THEN
    SELECT coalesce(jsonb_object_agg((h.placed).idempotency_key, (h.placed).id), '{}') INTO hold_ids
      FROM ledger_place_holds(holds_wanted) AS h;
    -- Only a hold key taken without its call could refuse them: the batch fails (nothing of it is written),
    -- and the caller places its calls one by one.
    IF (SELECT count(*) FROM jsonb_object_keys(hold_ids)) <> holds_placed THEN
      RAISE EXCEPTION 'calls_place: % of % holds placed',
        (SELECT count(*) FROM jsonb_object_keys(hold_ids)), holds_placed;
    END IF;
  END IF;

  INSERT INTO calls (account_id, user_id, membership_id, call_sid, to_e164, country, destination, caller_id,
    rate_micros, hold_id, hold_cents, time_limit_seconds, started_at)
  SELECT p.account_id, p.user_id, p.membership_id, p.call_sid, p.to_e164, p.country, p.destination, p.caller_id,
         p.rate_micros, (hold_ids ->> p.hold_key)::uuid, p.hold_cents, p.time_limit_seconds, p.started_at
    FROM calls_placement_items(batch) p
   WHERE p.item = ANY (created_items)
   ORDER BY p.item;
END;
$$;
