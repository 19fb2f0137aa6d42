package redact

import (
	"strings"
	"testing"
)

// Realistic fakes; no real secret exists in this repository. They were
// made the way Discord makes them, from crypto/rand.
const (
	// botToken is base64url("1180000000000000001").timestamp.HMAC(38),
	// today's shape; it is the token the Redactor is told about.
	botToken = "MTE4MDAwMDAwMDAwMDAwMDAwMQ.M_15xF.V4ekOm0tffecLAV5k5JB_IkcsUX7UQCRXQCDqG"
	// otherBotToken is an older token (HMAC of 27) of another bot, which
	// no Redactor is told about: only its shape gives it away.
	otherBotToken = "OTQ3MzQ1NjMwNzA2ODY1MDEy.uTC2Nq.n--jthfM0D65RzWKlBnTtS-bxbz"
	// interactionToken is base64url("interaction:1180000000000000042:" +
	// 128 random characters), 214 characters.
	interactionToken = "aW50ZXJhY3Rpb246MTE4MDAwMDAwMDAwMDAwMDA0Mjp5ZVJ2eVBxZGZ4R2RSN29XOEdlRXVKdTlVZUEySUFUZE9xZTlpTXhSbTY0WDhHQXhLb09ncm1wQmxGWHNVVjZWY0VsbE11TmljVGtYWksyc3dYbzFpUVJwTmV3RDRZdmtxd00zck5uQ3VwOE4xTmt0SkF2SUw3c2wyTVA1Yk1TTQ"
	// shortInteractionToken is base64url("interaction:…:" + 80 random
	// characters), 152 characters.
	shortInteractionToken = "aW50ZXJhY3Rpb246MTE4MDAwMDAwMDAwMDAwMDA0MzowdUhxRmlCU0JQUXl2d0xXWlVUNFZTaGdmNzc1aDVaMkZHQmFuaUhMSEw2R1RESm1QUmlqbnFIYUFRdm9LSXJVekpXWlJwUGQyN2h3dTdJTQ"
	// signature is an Ed25519 signature in hex, as in X-Signature-Ed25519.
	signature = "dd2de98b4c5214d43316c9508099f0193672fc7fb61bea7c8c492c1f942aebef56c1346de4c765d061666ae406473f4da16abfd6d7bc2a377d446ec0e502c307"
	// bearerToken is an OAuth2 access token (30 alphanumerics).
	bearerToken = "3jFfxhVZKIUNAM55FEadJNC3D1I8zl"
	// webhookToken is an ordinary webhook's token (68 base64url).
	webhookToken = "BZpIRk-2Tv1WntQuaUHl1So-cSHko8twGyFgn4ppFJEpEzoGdxTRNprDTl1mXfaTlrrN"
	// clientSecret is an application's OAuth2 client secret: 32
	// characters of no telling shape, found only because New is told.
	clientSecret = "k9-Vq_2xLmZ8rT4wYp1sNc6uHj3dFg0a"
)

func newRedactor() *Redactor {
	return New(botToken, "", clientSecret)
}

func TestString(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		// The secrets given to New.
		{"configured token", "token is " + botToken, "token is [redacted]"},
		{"configured token in prose", "signing in with" + botToken + "now", "signing in with[redacted]now"},
		{"client secret", "client_secret=" + clientSecret + "&grant_type=client_credentials", "client_secret=[redacted]&grant_type=client_credentials"},
		{"client secret quoted", `secret "` + clientSecret + `"`, `secret "[redacted]"`},

		// Bot tokens by shape.
		{"bot token", "identifying with " + otherBotToken, "identifying with [redacted]"},
		{"bot token inside a dotted word", "x.y." + otherBotToken + ".zz", "[redacted]"},
		{"bot token glued to base64", "QUJD" + otherBotToken + "QUJD", "[redacted]"},
		{"Authorization header", "Authorization: Bot " + otherBotToken, "Authorization: Bot [redacted]"},
		{"http.Header", "map[Authorization:[Bot " + otherBotToken + "] User-Agent:[DiscordBot (https://github.com/bwmarrin/discordgo, v0.29.0)]]",
			"map[Authorization:[Bot [redacted]] User-Agent:[DiscordBot (https://github.com/bwmarrin/discordgo, v0.29.0)]]"},
		{"discordgo request header", "API REQUEST   HEADER :: [Authorization] = [Bot " + otherBotToken + "]", "API REQUEST   HEADER :: [Authorization] = [Bot [redacted]]"},
		{"Bearer", `"Authorization": "Bearer ` + bearerToken + `"`, `"Authorization": "Bearer [redacted]"`},
		{"Bot with a credential of no known shape", "Bot " + bearerToken, "Bot [redacted]"},
		{"Bearer after a tab", "authorization=Bearer\t" + bearerToken + ";", "authorization=Bearer [redacted];"},

		// Interaction routes.
		{"callback URL", "https://discord.com/api/v9/interactions/1180000000000000042/" + interactionToken + "/callback",
			"https://discord.com/api/v9/interactions/{id}/{token}/callback"},
		{"callback URL with query", "https://discord.com/api/v10/interactions/1180000000000000042/" + interactionToken + "/callback?with_response=true",
			"https://discord.com/api/v10/interactions/{id}/{token}/callback?with_response=true"},
		{"url.Error", `Post "https://discord.com/api/v9/interactions/1180000000000000042/` + interactionToken + `/callback": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
			`Post "https://discord.com/api/v9/interactions/{id}/{token}/callback": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`},
		{"callback path", "POST /api/v9/interactions/1180000000000000042/" + shortInteractionToken + "/callback 429", "POST /api/v9/interactions/{id}/{token}/callback 429"},
		{"short route", "POST interactions/1/abc: 404", "POST interactions/{id}/{token}: 404"},
		{"short webhook route", "PATCH webhooks/1/abc: 404", "PATCH webhooks/{application_id}/{token}: 404"},
		{"callback path with a short token", "/interactions/1180000000000000042/abc/callback", "/interactions/{id}/{token}/callback"},
		{"rate limit error", "Rate limit exceeded on https://discord.com/api/v9/interactions/1180000000000000042/" + interactionToken + "/callback, retry after 1.5s",
			"Rate limit exceeded on https://discord.com/api/v9/interactions/{id}/{token}/callback, retry after 1.5s"},
		{"follow-up", "PATCH https://discord.com/api/v9/webhooks/1180000000000000001/" + interactionToken + "/messages/@original",
			"PATCH https://discord.com/api/v9/webhooks/{application_id}/{token}/messages/@original"},
		{"follow-up message", "webhooks/1180000000000000001/" + interactionToken + "/messages/1180000000000000099?thread_id=1",
			"webhooks/{application_id}/{token}/messages/1180000000000000099?thread_id=1"},
		{"configured secret in a route", "/interactions/1180000000000000042/" + clientSecret + "/callback", "/interactions/{id}/{token}/callback"},
		{"webhook", "https://discord.com/api/webhooks/1180000000000000077/" + webhookToken, "https://discord.com/api/webhooks/{application_id}/{token}"},

		// Interaction tokens elsewhere.
		{"interaction token", "answering " + interactionToken + " late", "answering [redacted] late"},
		{"interaction token in Korean", "토큰 " + shortInteractionToken + " 만료", "토큰 [redacted] 만료"},
		{"interaction token prefix", "token prefix aW50ZXJhY3Rpb246MTE4MDAw", "token prefix [redacted]"},
		{"JSON", `{"type":2,"token":"` + interactionToken + `","id":"1180000000000000042"}`, `{"type":2,"token":"[redacted]","id":"1180000000000000042"}`},
		{"JSON with spaces", `{"token": "abc"}`, `{"token": "[redacted]"}`},
		{"escaped JSON", `body: "{\"token\":\"` + shortInteractionToken + `\",\"version\":1}"`, `body: "{\"token\":\"[redacted]\",\"version\":1}"`},
		{"access_token", `{"access_token":"` + bearerToken + `","token_type":"Bearer"}`, `{"access_token":"[redacted]","token_type":"Bearer"}`},
		{"Go %#v", `discordgo.identifyOp{Op:2, Data:discordgo.Identify{Token:"Bot abc", Compress:false}}`, `discordgo.identifyOp{Op:2, Data:discordgo.Identify{Token:"[redacted]", Compress:false}}`},
		{"Go %+v", `{Op:2 Data:{Token:Bot abc Compress:false}}`, `{Op:2 Data:{Token:[redacted] Compress:false}}`},
		{"Go %+v plain", `{Token:abc SessionID:x}`, `{Token:[redacted] SessionID:x}`},
		{"key in capitals", "DISCORD_TOKEN=abc", "DISCORD_TOKEN=[redacted]"},
		{"query string", "/oauth2/authorize?token=abc&state=1", "/oauth2/authorize?token=[redacted]&state=1"},
		{"logfmt", `level=DEBUG msg=event token="abc def" seq=4`, `level=DEBUG msg=event token="[redacted]" seq=4`},

		// Signatures and the backstop.
		{"signature header", "X-Signature-Ed25519: " + signature, "X-Signature-Ed25519: [redacted]"},
		{"signature in a header map", "map[X-Signature-Ed25519:[" + signature + "] X-Signature-Timestamp:[1700000000]]", "map[X-Signature-Ed25519:[[redacted]] X-Signature-Timestamp:[1700000000]]"},
		{"upper-case signature", "sig=" + strings.ToUpper(signature), "sig=[redacted]"},
		{"webhook token alone", "token " + webhookToken, "token [redacted]"},
		{"64 characters", strings.Repeat("ab", 32), "[redacted]"},
	}
	r := newRedactor()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := r.String(tt.in); got != tt.want {
				t.Errorf("String(%q)\n = %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestStringKeeps holds the other half of the bargain: what operators read
// in a log line passes unchanged.
func TestStringKeeps(t *testing.T) {
	tests := []struct {
		name, in string
	}{
		{"snowflake", "interaction 1180000000000000042 in guild 947345630706865012"},
		{"20-digit id", "id 18446744073709551615"},
		{"status and code", "HTTP 404 Not Found, {\"message\": \"Unknown interaction\", \"code\": 10062}"},
		{"rate limit", "HTTP 429 Too Many Requests, {\"message\": \"You are being rate limited.\", \"retry_after\": 0.5, \"global\": false}"},
		{"route", "PUT /applications/{application_id}/commands"},
		{"templated callback", "/interactions/{id}/{token}/callback"},
		{"templated webhook", "/webhooks/{application_id}/{token}/messages/@original"},
		{"custom_id", "v1:cast:en:abc"},
		{"custom_id page", "v1:cast:ko:p:12"},
		{"duration", "answered in 1.234567ms, retry after 2.5s"},
		{"file path", "/work/main/internal/discord/gateway_interactions_test.go:123"},
		{"long file path", "/home/okbot/go/pkg/mod/github.com/bwmarrin/discordgo@v0.29.0/restapi.go:274"},
		{"URL", "https://discord.com/api/v9/applications/1180000000000000001/commands"},
		{"git hash", "okbot 1.4.0 (3f9c2d7a1b4e5f60718293a4b5c6d7e8f9012345)"},
		{"English", "Shutting down: draining for 2s, then closing the gateway."},
		{"Korean", "출연진을 찾을 수 없습니다. 다시 시도해 주세요."},
		{"prose with token", "invalid token: 401 Unauthorized"},
		{"prose with Bot", "Bot is ready; Bearer of bad news"},
		{"timestamp", "2026-11-24T10:00:00.123456789+09:00"},
		{"ids with keys", "application_id=1180000000000000001 guild_id=947345630706865012"},
		{"token words", "tokens: 3 left, connection broken=true, TOKEN_LIMIT=5, token_type=Bearer"},
		{"empty values", `{"token":"","next_token":null} token=`},
		{"empty", ""},
		{"placeholder", "[redacted]"},
	}
	r := newRedactor()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := r.String(tt.in); got != tt.in {
				t.Errorf("String(%q) = %q, want it unchanged", tt.in, got)
			}
		})
	}
}

func TestNewEscapedSecret(t *testing.T) {
	const secret = `p&ss/w"rd<1>`
	r := New(secret)
	for _, in := range []string{
		"raw " + secret,
		`quoted "p&ss/w\"rd<1>"`,
		`json "p\u0026ss/w\"rd\u003c1\u003e"`,
		"query p%26ss%2Fw%22rd%3C1%3E",
	} {
		if got := r.String(in); strings.Contains(got, "ss") {
			t.Errorf("String(%q) = %q, want the secret gone", in, got)
		}
	}
}

func TestNewIgnoresEmpty(t *testing.T) {
	r := New("", "")
	if got := r.String("nothing to hide"); got != "nothing to hide" {
		t.Errorf(`String("nothing to hide") = %q, want it unchanged`, got)
	}
}

// TestStringAllocs holds the fast path's promise: a clean string costs no
// allocation.
func TestStringAllocs(t *testing.T) {
	r := newRedactor()
	for _, s := range []string{"interaction", "v1:cast:en:p:2", "1180000000000000042", "출연진을 찾을 수 없습니다."} {
		if n := testing.AllocsPerRun(100, func() { r.String(s) }); n != 0 {
			t.Errorf("String(%q) allocates %v times, want 0", s, n)
		}
	}
}
