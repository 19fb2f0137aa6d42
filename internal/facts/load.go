package facts

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// fileNames are the fact files, in the order problems are reported.
var fileNames = []string{"show.json", "cast.json", "ratings.json", "awards.json", "season2.json", "sources.json"}

// sourcesFile is data/sources.json.
type sourcesFile struct {
	Sources []Source `json:"sources"`
}

// Load reads the fact files from the root of fsys (show.json, cast.json,
// ratings.json, awards.json, season2.json and sources.json), checks them
// and returns the Store built from them.
//
// Load checks everything before it returns: that every file is there and
// is JSON; that every field is known and of the right type; the rules in
// the doc comments of the schema types (required fields, enums, dates,
// ranges, lengths); and the rules across files (every fact cites sources
// that exist in sources.json; ratings.json lists episodes 1 to
// Show.Episodes once each). When anything is wrong, the error is a
// *ValidationError listing every problem.
//
// The work Load does follows the size of the files, never a number inside
// them: counts are bounded (see MaxEpisodes) before anything counts up to
// them.
func Load(fsys fs.FS) (*Store, error) {
	s, err := Inspect(fsys)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Inspect is Load for checking facts rather than answering from them: when
// the files have problems it returns, with the *ValidationError, the Store
// built from whatever could be read, so that the checks which come after
// loading (okbot validate prepares every answer from it) can run too and
// one run reports everything. Such a Store keeps none of the promises of
// Load's (values may be missing, repeated or out of range) and must not
// answer anyone. When there are no problems, Inspect returns what Load
// returns.
func Inspect(fsys fs.FS) (*Store, error) {
	l := &loader{fsys: fsys}
	var (
		s       Store
		sources sourcesFile
	)
	srcFile := l.decode("sources.json", &sources)
	showFile := l.decode("show.json", &s.show)
	castFile := l.decode("cast.json", &s.cast)
	ratingsFile := l.decode("ratings.json", &s.ratings)
	awardsFile := l.decode("awards.json", &s.awards)
	season2File := l.decode("season2.json", &s.season2)

	v := &validator{loader: l}
	// Sources and show first: the other files are checked against them.
	if srcFile != nil {
		v.checkSources(srcFile, sources.Sources)
	}
	if showFile != nil {
		v.checkShow(showFile, &s.show)
	}
	if castFile != nil {
		v.checkCast(castFile, &s.cast)
	}
	if ratingsFile != nil {
		v.checkRatings(ratingsFile, &s.ratings)
	}
	if awardsFile != nil {
		v.checkAwards(awardsFile, &s.awards)
	}
	if season2File != nil {
		v.checkSeason2(season2File, &s.season2)
	}

	s.index(sources.Sources)
	return &s, l.err()
}

// LoadChecked is Load for facts that have passed Load before and cannot
// have changed since: okbot's built-in facts, which are part of its
// binary and are checked when it is built (`go test` loads them, and
// `okbot validate`, which CI and the Dockerfile run, prepares every
// answer from them). It decodes the files and builds the Store without
// checking them again, in about a fifth of Load's time, so that a server
// answers sooner after it starts. It must never be given facts from
// anywhere else; its error says only that a file could not be read or
// decoded.
func LoadChecked(fsys fs.FS) (*Store, error) {
	var (
		s       Store
		sources sourcesFile
	)
	files := []struct {
		name string
		v    any
	}{
		{"sources.json", &sources}, {"show.json", &s.show}, {"cast.json", &s.cast},
		{"ratings.json", &s.ratings}, {"awards.json", &s.awards}, {"season2.json", &s.season2},
	}
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f.name)
		if err != nil {
			return nil, err
		}
		// The options of decode's, which read these files when they were
		// checked.
		if err := jsonv2.Unmarshal(data, f.v, jsontext.AllowInvalidUTF8(true)); err != nil {
			return nil, fmt.Errorf("%s: %w", f.name, err)
		}
	}
	s.index(sources.Sources)
	return &s, nil
}

// index builds what the Store looks facts up by.
func (s *Store) index(sources []Source) {
	s.sources = make(map[string]Source, len(sources))
	for _, src := range sources {
		s.sources[src.ID] = src
	}
	s.byNumber = make(map[int]*Episode, len(s.ratings.Episodes))
	for i := range s.ratings.Episodes {
		e := &s.ratings.Episodes[i]
		s.byNumber[e.Number] = e
	}
	s.byID = make(map[string]*Person, len(s.cast.People))
	for i := range s.cast.People {
		p := &s.cast.People[i]
		s.byID[p.ID] = p
	}
	s.names = newNameIndex(s.cast.People)
	s.younger = youngerSelves(s.cast.People)
}

var errTextAfterValue = errors.New("text after the top-level value")

// loader reads the fact files and collects problems.
type loader struct {
	fsys     fs.FS
	problems []located
}

// located is a Problem with what it is sorted by.
type located struct {
	Problem
	file   int // index in fileNames
	offset int // byte offset in the file, -1 for the whole file
	// data is the file's content, for the line and column of offset.
	data []byte
}

// file is one fact file being checked.
type file struct {
	name string
	data []byte
	// pos maps the JSON path of every value in the file to the byte offset
	// where it starts.
	pos map[path]int
	// bad are the paths of values of the wrong type. Their contents are
	// not checked further: "want a number, got a string" says enough.
	bad map[path]bool
}

// path is a JSON path: "$", "$.people", "$.people[3].actor".
type path string

func (p path) field(name string) path {
	if isIdentifier(name) {
		return p + "." + path(name)
	}
	return p + "[" + path(strconv.Quote(name)) + "]"
}

func (p path) index(i int) path { return p + "[" + path(strconv.Itoa(i)) + "]" }

// parent returns the path of the value holding p; "$" for "$".
func (p path) parent() path {
	i := strings.LastIndexAny(string(p), ".[")
	if i < 0 {
		return p
	}
	return p[:i]
}

// within reports whether p is q or inside it.
func (p path) within(q path) bool {
	return p == q || strings.HasPrefix(string(p), string(q)) && (p[len(q)] == '.' || p[len(q)] == '[')
}

func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			return false
		}
	}
	return true
}

// decode reads the named file into v, reporting what keeps it from being
// read, parsed or decoded. It returns nil when the file could not be
// parsed at all, and then v is left as it was.
func (l *loader) decode(name string, v any) *file {
	data, err := fs.ReadFile(l.fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		l.addFile(name, "missing; okbot needs all of %s", strings.Join(fileNames, ", "))
		return nil
	}
	if err != nil {
		l.addFile(name, "cannot be read: %v", err)
		return nil
	}
	f := &file{name: name, data: data, pos: map[path]int{}, bad: map[path]bool{}}
	// The walk reports repeated fields and reads strings as encoding/json
	// does (invalid UTF-8 replaced), so the token reader allows both. It
	// also finds any syntax error, which is then reported as encoding/json
	// describes it, alone.
	before := len(l.problems)
	w := walker{l: l, f: f, dec: jsontext.NewDecoder(bytes.NewReader(data), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))}
	walkErr := w.value("$", reflect.TypeOf(v).Elem())
	if walkErr == nil {
		// One value and nothing after it, as encoding/json requires.
		if _, err := w.dec.ReadToken(); err != io.EOF {
			walkErr = errTextAfterValue
		}
	}
	if walkErr != nil {
		l.problems = l.problems[:before]
		var syntax *json.SyntaxError
		switch err := json.Unmarshal(data, new(any)); {
		case errors.As(err, &syntax):
			// The offset is just past the byte that could not be parsed.
			l.add(f, "", max(int(syntax.Offset)-1, 0),
				"not valid JSON: %s; fix the syntax here (a missing comma or quote, or a comma after the last item?)", syntax)
		case err != nil:
			l.add(f, "", 0, "not valid JSON: %v", err)
		default:
			l.add(f, "", 0, "cannot be read as JSON: %v", walkErr)
		}
		return nil
	}
	// A file the walk found nothing wrong with is decoded by the v2
	// prototype, in a fraction of encoding/json's time: every member has
	// its field's exact name and a value of its type, once.
	if len(l.problems) == before {
		if err := jsonv2.Unmarshal(data, v, jsontext.AllowInvalidUTF8(true)); err == nil {
			return f
		}
		reflect.ValueOf(v).Elem().SetZero()
	}
	// Values of the wrong type were reported with their paths by the walk;
	// encoding/json skips them and decodes the rest.
	var typeErr *json.UnmarshalTypeError
	if err := json.Unmarshal(data, v); err != nil && !errors.As(err, &typeErr) {
		l.add(f, "", 0, "cannot be decoded: %v", err)
		return nil
	}
	return f
}

// addFile reports a problem with a whole file.
func (l *loader) addFile(name, format string, args ...any) {
	l.problems = append(l.problems, located{
		Problem: Problem{File: name, Message: fmt.Sprintf(format, args...)},
		file:    slices.Index(fileNames, name),
		offset:  -1,
	})
}

// add reports a problem at byte offset off of f. Its line and column are
// found when all problems are in (see err).
func (l *loader) add(f *file, p path, off int, format string, args ...any) {
	l.problems = append(l.problems, located{
		Problem: Problem{File: f.name, Path: string(p), Message: fmt.Sprintf(format, args...)},
		file:    slices.Index(fileNames, f.name),
		offset:  off,
		data:    f.data,
	})
}

// addAt reports a problem with the value at p, or, when p is not in the
// file, with the nearest value that holds it. Problems inside values of the
// wrong type are dropped: the type is the problem there.
func (l *loader) addAt(f *file, p path, format string, args ...any) {
	if f.isBad(p) {
		return
	}
	q := p
	off, ok := f.pos[q]
	for !ok && q != "$" {
		q = q.parent()
		off, ok = f.pos[q]
	}
	l.add(f, p, off, format, args...)
}

func (l *loader) err() error {
	if len(l.problems) == 0 {
		return nil
	}
	slices.SortStableFunc(l.problems, func(a, b located) int {
		return cmp.Or(cmp.Compare(a.file, b.file), cmp.Compare(a.offset, b.offset))
	})
	e := &ValidationError{Problems: make([]Problem, len(l.problems))}
	// Problems are in order of position within each file, so one pass over
	// each file finds every line and column: counting from the start of the
	// line for each problem would take time in the square of the file's
	// size on a file of one long line.
	var pos position
	for i, p := range l.problems {
		if i == 0 || p.file != l.problems[i-1].file {
			pos = position{line: 1, col: 1}
		}
		if p.offset >= 0 {
			pos.advance(p.data, min(p.offset, len(p.data)))
			p.Line, p.Column = pos.line, pos.col
		}
		e.Problems[i] = p.Problem
	}
	return e
}

// position is a line and column in a file (both from 1, the column in
// characters) and the byte offset they are at.
type position struct {
	offset, line, col int
}

// advance moves pos forward to byte offset off of data.
func (pos *position) advance(data []byte, off int) {
	for pos.offset < off {
		r, n := utf8.DecodeRune(data[pos.offset:])
		pos.offset += n
		if r == '\n' {
			pos.line, pos.col = pos.line+1, 1
		} else {
			pos.col++
		}
	}
}

// isBad reports whether p is, or is inside, a value of the wrong type.
func (f *file) isBad(p path) bool {
	for {
		if f.bad[p] {
			return true
		}
		q := p.parent()
		if q == p {
			return false
		}
		p = q
	}
}

// walker checks a file's JSON against the Go type it decodes into, token by
// token. encoding/json stops at the first unknown field or value of the
// wrong type and does not say where it is; the walk reports them all, with
// their paths, and records where every value starts. It reads tokens with
// jsontext (the encoding/json v2 prototype's), several times faster than
// encoding/json's Decoder.Token.
type walker struct {
	l   *loader
	f   *file
	dec *jsontext.Decoder
}

func (w *walker) value(p path, t reflect.Type) error {
	start := w.next()
	tok, err := w.dec.ReadToken()
	if err != nil {
		return err
	}
	w.f.pos[p] = start
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch tok.Kind() {
	case '{', '[':
		switch {
		case tok.Kind() == '{' && t.Kind() == reflect.Struct:
			return w.object(p, t)
		case tok.Kind() == '[' && t.Kind() == reflect.Slice:
			for i := 0; w.dec.PeekKind() != ']'; i++ {
				if err := w.value(p.index(i), t.Elem()); err != nil {
					return err
				}
			}
			_, err := w.dec.ReadToken() // ]
			return err
		}
		got := "an object"
		if tok.Kind() == '[' {
			got = "a list"
		}
		w.mismatch(p, start, t, got)
		return w.skipRest()
	case '"':
		if t.Kind() != reflect.String {
			w.mismatch(p, start, t, "a string")
		}
	case '0':
		switch t.Kind() {
		case reflect.Int, reflect.Int64, reflect.Int32:
			if _, err := strconv.ParseInt(tok.String(), 10, 64); err != nil {
				w.f.bad[p] = true
				w.l.add(w.f, p, start, "want a whole number, got %s", tok.String())
			}
		case reflect.Float64, reflect.Float32:
		default:
			w.mismatch(p, start, t, "a number")
		}
	case 't', 'f':
		if t.Kind() != reflect.Bool {
			w.mismatch(p, start, t, "true or false")
		}
	case 'n':
		if p == "$" {
			w.mismatch(p, start, t, "null")
		}
		// Elsewhere null decodes as if the field were absent; the checks
		// that follow say so when the field is required.
	}
	return nil
}

// object walks the members of an object, after its '{'.
func (w *walker) object(p path, t reflect.Type) error {
	fields := jsonFields(t)
	var seen []string
	for w.dec.PeekKind() != '}' {
		start := w.next()
		tok, err := w.dec.ReadToken()
		if err != nil {
			return err
		}
		key := tok.String()
		fp := p.field(key)
		ft, known := fields[key]
		switch {
		case slices.Contains(seen, key):
			w.l.add(w.f, fp, start, "repeated field %q; keep only one", key)
		case !known:
			w.l.add(w.f, fp, start, "unknown field %q; %s", key, unknownFieldHint(key, fields))
		default:
			seen = append(seen, key)
			if err := w.value(fp, ft); err != nil {
				return err
			}
			continue
		}
		// Skip the value of a repeated or unknown field.
		w.f.pos[fp] = start
		if err := w.dec.SkipValue(); err != nil {
			return err
		}
	}
	_, err := w.dec.ReadToken() // }
	return err
}

// skipRest skips the rest of an object or list whose opening token was
// just read.
func (w *walker) skipRest() error {
	for depth := 1; depth > 0; {
		tok, err := w.dec.ReadToken()
		if err != nil {
			return err
		}
		switch tok.Kind() {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
		}
	}
	return nil
}

// next returns the offset where the next token starts: past the previous
// token and any space, colon or comma after it.
func (w *walker) next() int {
	i := int(w.dec.InputOffset())
	for i < len(w.f.data) {
		switch w.f.data[i] {
		case ' ', '\t', '\r', '\n', ':', ',':
			i++
			continue
		}
		break
	}
	return i
}

func (w *walker) mismatch(p path, off int, want reflect.Type, got string) {
	w.f.bad[p] = true
	hint := "fix the value"
	switch {
	case want == reflect.TypeFor[Text]() && got == "a string":
		hint = `write {"en": "…"}, adding "ko" for Korean as published or "ko_translation" for okbot's own translation`
	case want.Kind() == reflect.Slice:
		hint = "put the value in a list: [ … ]"
	case want.Kind() == reflect.Float64 && got == "a string", want.Kind() == reflect.Int && got == "a string":
		hint = "write the number without quotes"
	case want.Kind() == reflect.String && (got == "a number" || got == "true or false"):
		hint = "put the value in quotes"
	}
	w.l.add(w.f, p, off, "want %s, got %s; %s", describe(want), got, hint)
}

// describe names the JSON that decodes into t.
func describe(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Struct:
		return "an object"
	case reflect.Slice:
		return "a list"
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "a whole number"
	case reflect.Float64, reflect.Float32:
		return "a number"
	case reflect.Bool:
		return "true or false"
	}
	return t.String()
}

// jsonFields maps the JSON names of struct type t's fields to their types.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	if fields, ok := fieldsOf.Load(t); ok {
		return fields.(map[string]reflect.Type)
	}
	fields := make(map[string]reflect.Type, t.NumField())
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fields[name] = f.Type
	}
	fieldsOf.Store(t, fields)
	return fields
}

// fieldsOf caches jsonFields by type: the walk asks for every object.
var fieldsOf sync.Map

// unknownFieldHint suggests the known field closest to key, or lists them.
func unknownFieldHint(key string, fields map[string]reflect.Type) string {
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	slices.Sort(names)
	if s := closest(key, names); s != "" {
		return fmt.Sprintf("did you mean %q?", s)
	}
	return "remove it or use one of " + strings.Join(names, ", ")
}

// closest returns the candidate nearest to s in spelling, ignoring case,
// or "" when none is close enough to be a likely typo.
func closest(s string, candidates []string) string {
	best, bestDist := "", max(2, len(s)/3)+1
	for _, c := range candidates {
		d := editDistance([]byte(strings.ToLower(s)), []byte(strings.ToLower(c)), bestDist-1, false)
		if d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}
