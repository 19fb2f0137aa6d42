package commands

import (
	"fmt"
	"strings"
	"time"
)

// SpellDuration writes d in words in the language of a Discord locale
// ("ko" for Korean, anything else English): "30 seconds", "1 minute 30
// seconds", "2 hours 30 minutes"; "30초", "1분 30초", "2시간 30분". Units
// that are zero are left out. d is rounded up to whole seconds, and is
// at least 1 second: a positive wait never reads "0 seconds", and a wait
// is never said to be shorter than it is.
//
// The cooldown notice and the privacy page both spell the limit's window
// with it, so the two say the same thing.
func SpellDuration(locale string, d time.Duration) string {
	return spell(langOf(locale), d)
}

// durationUnits are the units SpellDuration writes, largest first.
var durationUnits = []struct {
	size      time.Duration
	one, many string // English
	ko        string
}{
	{time.Hour, "hour", "hours", "시간"},
	{time.Minute, "minute", "minutes", "분"},
	{time.Second, "second", "seconds", "초"},
}

// spell is SpellDuration in l.
func spell(l lang, d time.Duration) string {
	d = max((d + time.Second - 1).Truncate(time.Second), time.Second)
	var parts []string
	for _, u := range durationUnits {
		n := d / u.size
		if n == 0 {
			continue
		}
		d -= n * u.size
		switch {
		case l == korean:
			parts = append(parts, fmt.Sprintf("%d%s", n, u.ko))
		case n == 1:
			parts = append(parts, "1 "+u.one)
		default:
			parts = append(parts, fmt.Sprintf("%d %s", n, u.many))
		}
	}
	return strings.Join(parts, " ")
}
