package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/okbot/okbot/internal/config"
)

// Both log formats go through the redacting handler: a JSON line holds no
// more than a text line does.
func TestLoggerRedactsEveryFormat(t *testing.T) {
	const botToken = "MTAxMDEwMTAxMDEwMTAxMDEw.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789-_"
	const interactionToken = "aW50ZXJhY3Rpb246MTMwMDAwMDAwMDAwMDAwMDAwOTpzZXJ2ZS1tb2RlLXRva2VuLXRoYXQtbXVzdC1uZXZlci1iZS1sb2dnZWQtYW55d2hlcmU"
	for _, format := range []config.LogFormat{config.LogText, config.LogJSON} {
		t.Run(string(format), func(t *testing.T) {
			var out bytes.Buffer
			log := newLogger(&out, config.Config{Token: botToken, LogFormat: format})
			log.With("url", "https://discord.com/api/v10/interactions/1/"+interactionToken+"/callback").
				Error("callback with "+botToken+" failed", "err", errors.New("POST "+interactionToken), "raw", []byte(interactionToken))
			noSecrets(t, out.String(), []string{botToken, interactionToken})
			var line map[string]any
			err := json.Unmarshal(out.Bytes(), &line)
			if isJSON := err == nil; isJSON != (format == config.LogJSON) {
				t.Errorf("OKBOT_LOG_FORMAT=%s wrote %q (JSON: %v)", format, out.String(), isJSON)
			}
			if !strings.Contains(out.String(), "callback with") {
				t.Errorf("the line itself is missing: %q", out.String())
			}
		})
	}
}
