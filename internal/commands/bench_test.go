package commands

import "testing"

// BenchmarkHandle measures one answer per command and kind of request:
// go test -bench Handle -benchmem ./internal/commands
func BenchmarkHandle(b *testing.B) {
	r := testRegistry(b)
	cases := []struct {
		name string
		req  Request
	}{
		{"season2", slash("season2")},
		{"season2/click", click("v1:s2:en:hope")},
		{"cast", slash("cast")},
		{"cast/page", click("v1:cast:ko:p:3")},
		{"cast/id", slash("cast", opt("name", "kim-soo-hyun"))},
		{"cast/name", slash("cast", opt("name", "Ko Mun-yeong"))},
		{"cast/unknown", slash("cast", opt("name", "Gong Yoo"))},
		{"cast/complete", complete("name", "ju")},
		{"cast/complete-hangul", inLocale(complete("name", "김"), "ko")},
		{"ratings", slash("ratings")},
		{"ratings/episode", slash("ratings", opt("episode", "16"))},
		{"about", slash("about")},
		{"help", inLocale(slash("help"), "ko")},
		{"not-owner", Request{Kind: Component, CustomID: "v1:cast:en:p:2", UserID: testUser, OwnerID: testOwner}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r.Handle(c.req)
			}
		})
	}
}
