-- Published to other modules (see the identity README): a seat as another module may read it.

-- A seat (membership) with its person and account; `active` when the seat is in place and its account active.
-- No row for an unknown seat. A LANGUAGE sql function, so a caller's query inlines it.
CREATE OR REPLACE FUNCTION identity_seat(p_membership_id uuid)
RETURNS TABLE (membership_id uuid, user_id uuid, role text, account_id uuid, account_kind text, active boolean)
LANGUAGE sql STABLE AS $$
  SELECT m.id, m.user_id, m.role, a.id, a.kind, (m.removed_at IS NULL AND a.status = 'active')
    FROM (SELECT * FROM memberships m WHERE m.id = p_membership_id LIMIT 1) AS m
    CROSS JOIN LATERAL (SELECT * FROM accounts a WHERE a.id = m.account_id LIMIT 1) AS a
$$;
