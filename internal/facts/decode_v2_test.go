package facts

import (
	"encoding/json"
	"io/fs"
	"reflect"
	"testing"

	"github.com/okbot/okbot/data"
)

// TestDecodeAsEncodingJSON: the shipped facts, which the walk finds
// nothing wrong with and the v2 prototype decodes, decode exactly as
// encoding/json decodes them.
func TestDecodeAsEncodingJSON(t *testing.T) {
	var (
		s       Store
		sources sourcesFile
	)
	for name, v := range map[string]any{
		"sources.json": &sources, "show.json": &s.show, "cast.json": &s.cast,
		"ratings.json": &s.ratings, "awards.json": &s.awards, "season2.json": &s.season2,
	} {
		l := &loader{fsys: data.FS}
		if f := l.decode(name, v); f == nil || len(l.problems) > 0 {
			t.Fatalf("decode(%s) = %v, problems %v", name, f, l.problems)
		}
		b, err := fs.ReadFile(data.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		want := reflect.New(reflect.TypeOf(v).Elem())
		if err := json.Unmarshal(b, want.Interface()); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(v, want.Interface()) {
			t.Errorf("%s decodes differently from encoding/json", name)
		}
	}
}
