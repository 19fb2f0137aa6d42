package facts

import (
	"strconv"
	"strings"
)

// Percent formats a rating in percent as the press writes it, with at
// least one decimal and no rounding: 7 is "7.0%", 6.1 "6.1%", 6.093
// "6.093%". The replies and the chart both write ratings with it.
func Percent(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s + "%"
}
