-- No statement reads holds by wallet: a wallet's held credit is kept on its row (held_cents), the expiry sweep
-- reads active holds by expiry, and reconciliation sums every active hold. The index cost an insert for every
-- hold placed, one per call set up.
DROP INDEX "holds_account_idx";