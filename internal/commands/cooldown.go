package commands

import "time"

// msgCooldown is the notice of a user over the per-user limit: the limit,
// then the wait.
var msgCooldown = msg{
	"Let's slow down a little: okbot answers each person's commands %[1]d times every %[2]s. Please try again in %[3]s.",
	"조금만 천천히 해 주세요. okbot은 한 사람에게 %[2]s마다 명령어 %[1]d번까지 답해요. %[3]s 뒤에 다시 해 보세요.",
}

// CooldownNotice is the ephemeral reply to a user who has used uses
// commands in the last window and may use the next one after wait.
// Adapters must not cache it: the wait changes with every second.
func CooldownNotice(locale string, uses int, window, wait time.Duration) Response {
	l := langOf(locale)
	return notice(msgCooldown.f(l, uses, spell(l, window), spell(l, wait)))
}
