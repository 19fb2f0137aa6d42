package commands

import (
	"strings"
	"testing"
)

// TestAboutHospitalMotto: /about's first view, where the show's basics
// are, gives OK Psychiatric Hospital's motto (fact sheet §6.5) in both
// languages.
func TestAboutHospitalMotto(t *testing.T) {
	r := testRegistry(t)
	for _, c := range []struct{ locale, name, value string }{
		{"", "Hospital motto", `"안 괜찮아도 괜찮아" ("it's okay to not be okay")`},
		{"ko", "병원 표어", `괜찮은 정신병원의 표어는 "안 괜찮아도 괜찮아"다`},
	} {
		resp := handle(t, r, inLocale(slash("about"), c.locale))
		found := false
		for _, f := range resp.Embeds[0].Fields {
			if f.Name == c.name && strings.Contains(f.Value, c.value) {
				found = true
			}
		}
		if !found {
			t.Errorf("/about (locale %q) has no field %q saying %q:\n%s", c.locale, c.name, c.value, text(resp))
		}
	}
}
