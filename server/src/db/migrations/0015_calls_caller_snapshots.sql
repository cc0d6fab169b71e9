-- What a batch of call setups knows of each caller (the voice webhook's first round trip): the seat, its
-- account, the wallet's available credit, and the calls in progress and money committed on days[i] that count
-- against its limits. One row per item that names a seat, `item` its position in the arrays.
-- A prepared statement would not keep this plan: PostgreSQL plans a statement for each call's arrays while
-- that plan looks cheaper than a generic one, and for a batch of one, planning cost most of the round trip.
-- Every table is reached by an equality probe on its key (a lateral subquery whose LIMIT keeps the planner
-- from turning it into a join), so the plan kept stays an index lookup however much the tables grow.
CREATE FUNCTION calls_caller_snapshots(membership_ids uuid[], days date[])
RETURNS TABLE (
  item integer, membership_id uuid, user_id uuid, role text, account_id uuid, account_kind text,
  active boolean, available_cents bigint, account_active integer, seat_active integer,
  account_spent bigint, seat_spent bigint
) LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT r.item::integer, m.id, m.user_id, m.role, a.id, a.kind,
         (m.removed_at IS NULL AND a.status = 'active'),
         coalesce(w.balance_cents - w.held_cents, 0)::bigint,
         active.account_active, active.seat_active, spent.account_spent, spent.seat_spent
    FROM unnest(membership_ids, days) WITH ORDINALITY AS r(membership_id, day, item)
    CROSS JOIN LATERAL (SELECT * FROM memberships m WHERE m.id = r.membership_id LIMIT 1) AS m
    CROSS JOIN LATERAL (SELECT * FROM accounts a WHERE a.id = m.account_id LIMIT 1) AS a
    LEFT JOIN LATERAL (SELECT * FROM ledger_accounts w WHERE w.account_id = a.id LIMIT 1) AS w ON true
    CROSS JOIN LATERAL (
      SELECT coalesce(sum(u.active_calls), 0)::integer AS account_active,
             coalesce(sum(u.active_calls) FILTER (WHERE u.membership_id = m.id), 0)::integer AS seat_active
        FROM call_activity u WHERE u.account_id = a.id
    ) AS active
    CROSS JOIN LATERAL (
      SELECT coalesce(sum(u.committed_cents), 0)::bigint AS account_spent,
             coalesce(sum(u.committed_cents) FILTER (WHERE u.membership_id = m.id), 0)::bigint AS seat_spent
        FROM call_spending u WHERE u.account_id = a.id AND u.day = r.day
    ) AS spent;
END;
$$;
