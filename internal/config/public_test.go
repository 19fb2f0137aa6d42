package config

import (
	"strings"
	"testing"
)

func TestLoadPublic(t *testing.T) {
	for _, mode := range []Mode{Offline, Serve} {
		c, err := Load(env(map[string]string{
			"DISCORD_PUBLIC_KEY":     goodKey,
			"DISCORD_APPLICATION_ID": " 1100000000000000001 ",
			"OKBOT_OPERATOR":         "정신병원 팬클럽 (Kim)",
			"OKBOT_CONTACT":          "okbot@example.org",
		}), mode)
		if err != nil {
			t.Fatalf("mode %d: %v", mode, err)
		}
		want := Public{ApplicationID: "1100000000000000001", Operator: "정신병원 팬클럽 (Kim)", Contact: "okbot@example.org"}
		if c.Public != want || !c.Public.ContactIsEmail() {
			t.Errorf("mode %d: Public = %+v, want %+v, an e-mail contact", mode, c.Public, want)
		}
	}
	c, err := Load(env(map[string]string{"OKBOT_CONTACT": "https://example.org/okbot#contact"}), Offline)
	if err != nil || c.Public.ContactIsEmail() || c.Public.Contact != "https://example.org/okbot#contact" {
		t.Errorf("https contact: %+v, %v", c.Public, err)
	}
	c, err = Load(env(nil), Offline)
	if err != nil || c.Public != (Public{}) || c.Public.ContactIsEmail() {
		t.Errorf("nothing set: %+v, %v; want every field empty", c.Public, err)
	}
}

func TestLoadPublicErrors(t *testing.T) {
	tests := []struct {
		name, key, value, want string
	}{
		{"app id not digits", "DISCORD_APPLICATION_ID", "okbot", "DISCORD_APPLICATION_ID"},
		{"app id too long", "DISCORD_APPLICATION_ID", strings.Repeat("1", 21), "DISCORD_APPLICATION_ID"},
		{"operator too long", "OKBOT_OPERATOR", strings.Repeat("가", MaxOperatorLength+1), "OKBOT_OPERATOR has 101 characters"},
		{"operator on two lines", "OKBOT_OPERATOR", "Kim\nLee", "OKBOT_OPERATOR contains a control character"},
		{"operator not UTF-8", "OKBOT_OPERATOR", "\xff", "OKBOT_OPERATOR is not valid UTF-8"},
		{"contact over http", "OKBOT_CONTACT", "http://example.org", "OKBOT_CONTACT"},
		{"contact a javascript URL", "OKBOT_CONTACT", "javascript:alert(1)", "OKBOT_CONTACT"},
		{"contact without host", "OKBOT_CONTACT", "https://", "OKBOT_CONTACT"},
		{"contact with credentials", "OKBOT_CONTACT", "https://user:pw@example.org", "OKBOT_CONTACT"},
		{"contact with a display name", "OKBOT_CONTACT", "Kim <kim@example.org>", "OKBOT_CONTACT"},
		{"contact a bare word", "OKBOT_CONTACT", "kim", "OKBOT_CONTACT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(env(map[string]string{tt.key: tt.value}), Offline)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one naming %q", err, tt.want)
			}
		})
	}
}
