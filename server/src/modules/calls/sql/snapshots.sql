-- What a batch of call setups knows of each caller (the voice webhook's first round trip): the seat and its
-- account (identity_seat), the wallet's available credit (ledger_wallet_available), and from this module's
-- own tables the calls in progress and money committed on days[i] that count against its limits. One row
-- per item that names a seat, `item` its position in the arrays.
-- A PL/pgSQL function keeps one generic plan per connection (plan_cache_mode), where a prepared statement was
-- planned again for each batch's arrays. Every table is reached by an equality probe on its key (a lateral
-- subquery whose LIMIT keeps the planner from turning it into a join), so the plan kept stays an index lookup
-- however much the tables grow; the other modules' functions are LANGUAGE sql and inlined into it.
CREATE OR REPLACE FUNCTION calls_caller_snapshots(membership_ids uuid[], days date[])
RETURNS TABLE (
  item integer, membership_id uuid, user_id uuid, role text, account_id uuid, account_kind text,
  active boolean, available_cents bigint, account_active integer, seat_active integer,
  account_spent bigint, seat_spent bigint
) LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT r.item::integer, s.membership_id, s.user_id, s.role, s.account_id, s.account_kind, s.active,
         coalesce(w.available_cents, 0)::bigint,
         active.account_active, active.seat_active, spent.account_spent, spent.seat_spent
    FROM unnest(membership_ids, days) WITH ORDINALITY AS r(membership_id, day, item)
    CROSS JOIN LATERAL identity_seat(r.membership_id) AS s
    LEFT JOIN LATERAL ledger_wallet_available(s.account_id) AS w ON true
    CROSS JOIN LATERAL (
      SELECT coalesce(sum(u.active_calls), 0)::integer AS account_active,
             coalesce(sum(u.active_calls) FILTER (WHERE u.membership_id = s.membership_id), 0)::integer
               AS seat_active
        FROM call_activity u WHERE u.account_id = s.account_id
    ) AS active
    CROSS JOIN LATERAL (
      SELECT coalesce(sum(u.committed_cents), 0)::bigint AS account_spent,
             coalesce(sum(u.committed_cents) FILTER (WHERE u.membership_id = s.membership_id), 0)::bigint
               AS seat_spent
        FROM call_spending u WHERE u.account_id = s.account_id AND u.day = r.day
    ) AS spent;
END;
$$;
