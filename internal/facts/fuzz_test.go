package facts

import (
	"errors"
	"os"
	"testing"
	"testing/fstest"
)

// FuzzLoad replaces one of the shipped fact files with arbitrary bytes:
// Load must never panic, and anything it rejects is a *ValidationError.
func FuzzLoad(f *testing.F) {
	names := []string{"show.json", "cast.json", "ratings.json", "awards.json", "season2.json", "sources.json"}
	shipped := fstest.MapFS{}
	for _, name := range names {
		b, err := os.ReadFile(shippedData + "/" + name)
		if err != nil {
			f.Fatal(err)
		}
		shipped[name] = &fstest.MapFile{Data: b}
	}
	for i, name := range names {
		b := shipped[name].Data
		f.Add(uint8(i), b)
		f.Add(uint8(i), b[:len(b)/2])
	}
	f.Add(uint8(2), []byte(`{"episodes":[{"number":1e400}]}`))
	f.Add(uint8(1), []byte(`{"people":[null,{},[]]}`))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		fsys := fstest.MapFS{}
		for k, v := range shipped {
			fsys[k] = v
		}
		fsys[names[int(which)%len(names)]] = &fstest.MapFile{Data: data}
		s, err := Load(fsys)
		if err != nil {
			var verr *ValidationError
			if !errors.As(err, &verr) || len(verr.Problems) == 0 {
				t.Fatalf("Load() error = %#v, want a *ValidationError with problems", err)
			}
			return
		}
		if s == nil {
			t.Fatal("Load() = nil, nil")
		}
	})
}
