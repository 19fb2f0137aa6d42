package facts

import (
	"encoding/json"
	"io/fs"
)

// Load reads and validates the fact files in fsys (show.json, cast.json,
// ratings.json, awards.json, season2.json, sources.json). (First cut without
// validation.)
func Load(fsys fs.FS) (*Store, error) {
	s := &Store{sources: map[string]Source{}, byNumber: map[int]*Episode{}}
	read := func(name string, v any) error {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		return json.Unmarshal(b, v)
	}
	var sources struct {
		Sources []Source `json:"sources"`
	}
	for name, v := range map[string]any{"show.json": &s.show, "cast.json": &s.cast, "ratings.json": &s.ratings, "awards.json": &s.awards, "season2.json": &s.season2, "sources.json": &sources} {
		if err := read(name, v); err != nil {
			return nil, err
		}
	}
	for _, src := range sources.Sources {
		s.sources[src.ID] = src
	}
	for i := range s.ratings.Episodes {
		s.byNumber[s.ratings.Episodes[i].Number] = &s.ratings.Episodes[i]
	}
	s.names = newNameIndex(s.cast.People)
	return s, nil
}
