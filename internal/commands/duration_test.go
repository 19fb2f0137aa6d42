package commands

import (
	"testing"
	"time"
)

func TestSpellDuration(t *testing.T) {
	for _, tt := range []struct {
		d      time.Duration
		en, ko string
	}{
		{time.Second, "1 second", "1초"},
		{30 * time.Second, "30 seconds", "30초"},
		{time.Minute, "1 minute", "1분"},
		{61 * time.Second, "1 minute 1 second", "1분 1초"},
		{90 * time.Second, "1 minute 30 seconds", "1분 30초"},
		{time.Hour, "1 hour", "1시간"},
		{time.Hour + time.Minute, "1 hour 1 minute", "1시간 1분"},
		{time.Hour + time.Second, "1 hour 1 second", "1시간 1초"},
		{2*time.Hour + 30*time.Minute, "2 hours 30 minutes", "2시간 30분"},
		{24 * time.Hour, "24 hours", "24시간"},
		// Rounded up: a wait is never said to be shorter than it is,
		// and a positive one is never "0 seconds".
		{time.Millisecond, "1 second", "1초"},
		{1500 * time.Millisecond, "2 seconds", "2초"},
		{12*time.Second + time.Millisecond, "13 seconds", "13초"},
		{time.Hour - time.Millisecond, "1 hour", "1시간"},
		{0, "1 second", "1초"},
	} {
		if got := SpellDuration("en-US", tt.d); got != tt.en {
			t.Errorf("SpellDuration(en-US, %v) = %q, want %q", tt.d, got, tt.en)
		}
		if got := SpellDuration("ko", tt.d); got != tt.ko {
			t.Errorf("SpellDuration(ko, %v) = %q, want %q", tt.d, got, tt.ko)
		}
	}
}
