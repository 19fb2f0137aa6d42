package data_test

import (
	"io/fs"
	"reflect"
	"slices"
	"testing"

	"github.com/okbot/okbot/data"
	"github.com/okbot/okbot/internal/facts"
)

func TestFS(t *testing.T) {
	want := []string{"awards.json", "cast.json", "ratings.json", "season2.json", "show.json", "sources.json"}
	got, err := fs.Glob(data.FS, "*.json")
	if err != nil {
		t.Fatalf("fs.Glob(data.FS, %q): %v", "*.json", err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("fs.Glob(data.FS, %q) = %q, want %q", "*.json", got, want)
	}
	for _, name := range want {
		b, err := fs.ReadFile(data.FS, name)
		if err != nil {
			t.Errorf("fs.ReadFile(data.FS, %q): %v", name, err)
			continue
		}
		if len(b) == 0 {
			t.Errorf("fs.ReadFile(data.FS, %q) is empty", name)
		}
	}
}

func TestLoad(t *testing.T) {
	if _, err := facts.Load(data.FS); err != nil {
		t.Fatalf("facts.Load(data.FS) = %v, want nil", err)
	}
}

// TestLoadChecked: the built-in facts, which servers read with
// LoadChecked, make the very Store that Load makes after checking them.
func TestLoadChecked(t *testing.T) {
	want, err := facts.Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	got, err := facts.LoadChecked(data.FS)
	if err != nil {
		t.Fatalf("facts.LoadChecked(data.FS) = %v, want nil", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("facts.LoadChecked(data.FS) differs from facts.Load(data.FS)")
	}
}
