package facts

import "testing"

// TestConfidenceStated: verified facts and discrepancies (with every
// value) are stated; unverified ones, or ones of no known confidence,
// never are.
func TestConfidenceStated(t *testing.T) {
	for c, want := range map[Confidence]bool{Verified: true, Discrepancy: true, Unverified: false, "": false, "likely": false} {
		if got := c.Stated(); got != want {
			t.Errorf("Confidence(%q).Stated() = %v, want %v", c, got, want)
		}
	}
}
