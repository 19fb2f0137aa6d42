package main

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// defaultSeed is RFC 8032 §7.1 TEST 1's secret key, as in PLATFORM.md §7:
// public, so only for load on loopback.
const defaultSeed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"

func parseSeed(s string) (ed25519.PrivateKey, error) {
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != ed25519.SeedSize {
		return nil, fmt.Errorf("-seed must be %d hex characters", 2*ed25519.SeedSize)
	}
	return ed25519.NewKeyFromSeed(b), nil
}

func publicHex(key ed25519.PrivateKey) string {
	return hex.EncodeToString(key.Public().(ed25519.PublicKey))
}

// names are what users type into /cast name:, as listed and as commonly
// misspelt or romanized otherwise.
var names = []string{
	"Kim Soo-hyun", "Seo Ye-ji", "Seo Yea-ji", "Oh Jung-se", "Park Gyu-young",
	"Kim Joo-hun", "Park Jin-joo", "Kim Chang-wan", "Kim Mi-kyung", "Jang Young-nam",
	"kim soo hyun", "seo yeji", "Moon Gang-tae", "Ko Moon-young", "Moon Sang-tae",
	"Nam Ju-ri", "Oh Ji-wang", "Choi Daniel", "Lee Eol", "somebody else",
}

// The request mixes.
const (
	// mixRealistic is the traffic of a Korean drama's fan server: a fifth
	// of the users in Korean.
	mixRealistic = "realistic"
	// mixText is the same commands in English only.
	mixText = "text"
)

// bodies returns the request mix: every /ratings episode, every name
// for /cast, and /season2 often enough to be about a third of the load.
// Each is a full-size interaction as Discord sends it; in mixRealistic a
// fifth are in Korean, in mixText none.
func bodies(mix string) []string {
	english := mix == mixText
	var out []string
	for i, name := range names {
		out = append(out, interaction("cast", fmt.Sprintf(`[{"name":"name","type":3,"value":%s}]`, quote(name)), i, english))
	}
	for ep := 1; ep <= 16; ep++ {
		out = append(out, interaction("ratings", fmt.Sprintf(`[{"name":"episode","type":4,"value":%d}]`, ep), ep, english))
	}
	for i := range len(out) / 2 {
		out = append(out, interaction("season2", "", i, english))
	}
	return out
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// interaction is a slash command interaction from a guild, with every
// field Discord sends; n varies the ids and, unless english, the locale.
func interaction(name, options string, n int, english bool) string {
	locale := "en-US"
	if n%5 == 4 && !english {
		locale = "ko"
	}
	if options != "" {
		options = `,"options":` + options
	}
	id := strconv.Itoa(1300000000000000000 + n)
	return `{"app_permissions":"562949953601536","application_id":"1090000000000000000",` +
		`"authorizing_integration_owners":{"0":"1100000000000000000"},` +
		`"channel":{"flags":0,"guild_id":"1100000000000000000","id":"1100000000000000001","last_message_id":"1200000000000000000","name":"general","nsfw":false,"parent_id":"1100000000000000002","permissions":"2251799813685247","position":0,"rate_limit_per_user":0,"topic":null,"type":0},` +
		`"channel_id":"1100000000000000001","context":0,` +
		`"data":{"id":"1200000000000000001","name":"` + name + `"` + options + `,"type":1},` +
		`"entitlement_sku_ids":[],"entitlements":[],` +
		`"guild":{"features":["NEWS","COMMUNITY"],"id":"1100000000000000000","locale":"en-US"},` +
		`"guild_id":"1100000000000000000","guild_locale":"en-US","id":"` + id + `","locale":"` + locale + `",` +
		`"member":{"avatar":null,"banner":null,"communication_disabled_until":null,"deaf":false,"flags":0,"joined_at":"2023-01-01T00:00:00.000000+00:00","mute":false,"nick":null,"pending":false,"permissions":"2251799813685247","premium_since":null,"roles":["1100000000000000003"],"unusual_dm_activity_until":null,` +
		`"user":{"avatar":"a_0123456789abcdef0123456789abcdef","avatar_decoration_data":null,"clan":null,"discriminator":"0","global_name":"Fan","id":"` + strconv.Itoa(222222222222222222+n) + `","primary_guild":null,"public_flags":0,"username":"fan"}},` +
		`"attachment_size_limit":10485760,"token":"aW50ZXJhY3Rpb246` + strings.Repeat("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo", 5) + `","type":2,"version":1}`
}

// signed is one request ready to send.
type signed struct {
	body      []byte
	signature string
	timestamp string
}

// sign signs every body with key at now.
func sign(key ed25519.PrivateKey, bodies []string, now time.Time) []signed {
	ts := strconv.FormatInt(now.Unix(), 10)
	out := make([]signed, len(bodies))
	for i, b := range bodies {
		out[i] = signed{
			body:      []byte(b),
			signature: hex.EncodeToString(ed25519.Sign(key, []byte(ts+b))),
			timestamp: ts,
		}
	}
	return out
}

// The kinds of request a soak sends, and what each must get.
const (
	kindAnswer = "answer" // a realistic interaction: 200
	kindPing   = "ping"   // Discord's PING: 200
	kindForged = "forged" // a bad signature, a tampered body or a stale timestamp: 401
)

// soakRequest is one request of a soak and its kind.
type soakRequest struct {
	signed
	kind string
}

// staleBy is how old the timestamp of a stale forged request is: twice
// the 5 minute replay window Discord's endpoints enforce.
const staleBy = 10 * time.Minute

// soakMix signs the soak's requests at now: the realistic mix of bodies,
// a few PINGs, and three forgeries okbot must refuse with 401 (a
// signature with one character changed, a body changed after signing,
// and a correct signature over a timestamp outside the replay window).
// About one request in ten is a PING or forged.
func soakMix(key ed25519.PrivateKey, now time.Time) []soakRequest {
	var out []soakRequest
	answers := bodies(mixRealistic)
	for _, s := range sign(key, answers, now) {
		out = append(out, soakRequest{s, kindAnswer})
	}
	for _, s := range sign(key, []string{ping(1), ping(2), ping(3)}, now) {
		out = append(out, soakRequest{s, kindPing})
	}
	good := sign(key, answers[:2], now)
	badSig, tampered := good[0], good[1]
	badSig.signature = flipHex(badSig.signature)
	tampered.body = bytes.Replace(tampered.body, []byte(`"locale":"en-US"`), []byte(`"locale":"ko"`), 1)
	stale := sign(key, answers[2:3], now.Add(-staleBy))[0]
	for _, s := range []signed{badSig, tampered, stale} {
		out = append(out, soakRequest{s, kindForged})
	}
	return out
}

// ping is a PING as Discord sends it to check the endpoint.
func ping(n int) string {
	return `{"application_id":"1090000000000000000","id":"` + strconv.Itoa(1400000000000000000+n) +
		`","token":"aW50ZXJhY3Rpb246cGluZw","type":1,"user":{"avatar":null,"discriminator":"0","id":"1090000000000000000","public_flags":0,"username":"discord"},"version":1}`
}

// flipHex changes the first character of a hex string.
func flipHex(s string) string {
	if s[0] == '0' {
		return "1" + s[1:]
	}
	return "0" + s[1:]
}
