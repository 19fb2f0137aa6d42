package facts

import "testing"

func TestPercent(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{7, "7.0%"},
		{6.1, "6.1%"},
		{6.093, "6.093%"},
		{7.348, "7.348%"},
		{10, "10.0%"},
		{0.5, "0.5%"},
	}
	for _, tt := range tests {
		if got := Percent(tt.in); got != tt.want {
			t.Errorf("Percent(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
