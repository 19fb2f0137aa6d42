package commands

import "time"

// msgCooldown is the notice of a user over the per-user limit: the limit,
// then the wait.
var msgCooldown = msg{
	"Let's slow down a little: okbot answers up to %[1]s from each person in %[2]s. Please try again in %[3]s.",
	"조금만 천천히 해 주세요. okbot은 한 사람의 명령어에 %[2]s 동안 %[1]s까지 답해요. %[3]s 뒤에 다시 해 보세요.",
}

// msgCommands counts commands in the notice: "1 command", "5 commands";
// "5번".
var (
	msgOneCommand = msg{"1 command", "1번"}
	msgCommands   = msg{"%d commands", "%d번"}
)

// CooldownNotice is the ephemeral reply to a user who has used uses
// commands in the last window and may use the next one after wait.
// Adapters must not cache it: the wait changes with every second.
func CooldownNotice(locale string, uses int, window, wait time.Duration) Response {
	l := langOf(locale)
	count := msgCommands.f(l, uses)
	if uses == 1 {
		count = msgOneCommand.in(l)
	}
	return notice(msgCooldown.f(l, count, spell(l, window), spell(l, wait)))
}
