package baseline

import (
	"crypto/ed25519"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The baseline does what every endpoint must: it answers a signed body and
// refuses everything else, so that okbot is measured against real work.
func TestHandler(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	h := Handler(pub)
	const ts, body = "1700000000", `{"type":1}`
	sig := hex.EncodeToString(ed25519.Sign(priv, []byte(ts+body)))
	huge := strings.Repeat(" ", MaxBody+1)
	for _, tc := range []struct {
		name, ts, sig, body string
		want                int
	}{
		{"signed", ts, sig, body, http.StatusOK},
		{"no timestamp", "", sig, body, http.StatusUnauthorized},
		{"no signature", ts, "", body, http.StatusUnauthorized},
		{"short signature", ts, sig[:10], body, http.StatusUnauthorized},
		{"long signature", ts, sig + "00", body, http.StatusUnauthorized},
		{"signature not hex", ts, strings.Repeat("zz", ed25519.SignatureSize), body, http.StatusUnauthorized},
		{"tampered body", ts, sig, body + " ", http.StatusUnauthorized},
		{"body over MaxBody", ts, hex.EncodeToString(ed25519.Sign(priv, []byte(ts+huge))), huge, http.StatusRequestEntityTooLarge},
	} {
		r := httptest.NewRequest("POST", "/interactions", strings.NewReader(tc.body))
		r.Header.Set("X-Signature-Timestamp", tc.ts)
		r.Header.Set("X-Signature-Ed25519", tc.sig)
		w := httptest.NewRecorder()
		h(w, r)
		if w.Code != tc.want {
			t.Errorf("%s: status %d, want %d", tc.name, w.Code, tc.want)
		}
		if tc.want == http.StatusOK && w.Body.String() != fixedAnswer {
			t.Errorf("%s: answered %q, want %q", tc.name, w.Body, fixedAnswer)
		}
	}
}
