-- A call's account and person are its seat's: one composite key, checked once per call placed, replaces the
-- three keys (account, user, seat) that were each probed for every call. The seat's own keys still tie it to
-- its account and person.
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_seat_key" UNIQUE("id","account_id","user_id");--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_seat_fk" FOREIGN KEY ("membership_id","account_id","user_id") REFERENCES "public"."memberships"("id","account_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" DROP CONSTRAINT "calls_account_id_accounts_id_fk";--> statement-breakpoint
ALTER TABLE "calls" DROP CONSTRAINT "calls_user_id_users_id_fk";--> statement-breakpoint
ALTER TABLE "calls" DROP CONSTRAINT "calls_membership_id_memberships_id_fk";
