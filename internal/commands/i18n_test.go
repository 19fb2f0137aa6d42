package commands

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// entry is one msg literal of the catalog as written in the source.
type entry struct {
	name   string // the variable it is assigned to, or its position
	en, ko string
}

// catalog reads every msg{…} literal in the package's source: the test
// checks what is written, all of it, rather than a list that could miss
// the next string added.
func catalog(t *testing.T) []entry {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var out []entry
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		// Name each literal by the variable it is assigned to.
		names := map[*ast.CompositeLit]string{}
		ast.Inspect(f, func(n ast.Node) bool {
			if vs, ok := n.(*ast.ValueSpec); ok {
				for i, v := range vs.Values {
					if lit, ok := v.(*ast.CompositeLit); ok && i < len(vs.Names) {
						names[lit] = vs.Names[i].Name
					}
				}
			}
			return true
		})
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok {
				return true
			}
			if id, ok := lit.Type.(*ast.Ident); !ok || id.Name != "msg" {
				return true
			}
			e := entry{name: names[lit]}
			if e.name == "" {
				e.name = fset.Position(lit.Pos()).String()
			}
			if len(lit.Elts) != 2 {
				t.Errorf("%s: msg with %d elements, want en and ko", e.name, len(lit.Elts))
				return false
			}
			e.en, e.ko = stringValue(t, e.name, lit.Elts[0]), stringValue(t, e.name, lit.Elts[1])
			out = append(out, e)
			return false
		})
	}
	return out
}

// stringValue is the value of a string literal, or of literals joined
// with +.
func stringValue(t *testing.T, name string, x ast.Expr) string {
	t.Helper()
	switch x := x.(type) {
	case *ast.BasicLit:
		if s, err := strconv.Unquote(x.Value); x.Kind == token.STRING && err == nil {
			return s
		}
	case *ast.BinaryExpr:
		if x.Op == token.ADD {
			return stringValue(t, name, x.X) + stringValue(t, name, x.Y)
		}
	case *ast.ParenExpr:
		return stringValue(t, name, x.X)
	}
	t.Errorf("%s: %T is not a string literal; write the catalog as literals", name, x)
	return ""
}

// verb is a formatting directive: %s, %d, %[2]s.
var verb = regexp.MustCompile(`%(?:\[(\d+)\])?[-+# 0]*\d*(?:\.\d+)?([a-zA-Z%])`)

// verbs maps each argument (from 1) a format uses to its verb, "%s".
func verbs(format string) (map[int]string, error) {
	args := map[int]string{}
	next := 1
	for _, m := range verb.FindAllStringSubmatch(format, -1) {
		if m[2] == "%" {
			continue
		}
		if m[1] != "" {
			next, _ = strconv.Atoi(m[1])
		}
		if v, ok := args[next]; ok && v != "%"+m[2] {
			return nil, fmt.Errorf("argument %d is both %s and %%%s", next, v, m[2])
		}
		args[next] = "%" + m[2]
		next++
	}
	return args, nil
}

// hasWords reports whether format has letters outside its verbs.
func hasWords(format string) bool {
	return strings.ContainsFunc(verb.ReplaceAllString(format, ""), unicode.IsLetter)
}

// TestCatalog checks every UI string, in both languages: English is
// there; Korean is there, in Hangul, unless the string has no words to
// translate; and both formats take the same arguments, each of the same
// kind, and format them without error.
func TestCatalog(t *testing.T) {
	entries := catalog(t)
	if len(entries) < 100 {
		t.Fatalf("found %d msg literals in the source, want the whole catalog (over 100)", len(entries))
	}
	for _, e := range entries {
		if e.en == "" {
			t.Errorf("%s: no English", e.name)
			continue
		}
		if e.ko == "" {
			if hasWords(e.en) {
				t.Errorf("%s = %q: no Korean; translate it (leave ko empty only for strings without words)", e.name, e.en)
			}
			continue
		}
		if !strings.ContainsFunc(e.ko, func(r rune) bool { return unicode.Is(unicode.Hangul, r) }) {
			t.Errorf("%s: Korean %q has no Hangul", e.name, e.ko)
		}
		en, err := verbs(e.en)
		if err != nil {
			t.Errorf("%s: English %q: %v", e.name, e.en, err)
			continue
		}
		ko, err := verbs(e.ko)
		if err != nil {
			t.Errorf("%s: Korean %q: %v", e.name, e.ko, err)
			continue
		}
		if !maps.Equal(en, ko) {
			t.Errorf("%s: English %q takes %v, Korean %q takes %v; want the same arguments", e.name, e.en, en, e.ko, ko)
			continue
		}
		// Format both with an argument of the right kind in each place,
		// as msg.f would: fmt marks any mistake with "%!".
		var args []any
		for _, i := range slices.Sorted(maps.Keys(en)) {
			for len(args) < i-1 {
				args = append(args, "")
			}
			if en[i] == "%d" {
				args = append(args, 12)
			} else {
				args = append(args, "ARG"+strconv.Itoa(i))
			}
		}
		for _, l := range langs {
			if s := (msg{e.en, e.ko}).f(l, args...); strings.Contains(s, "%!") {
				t.Errorf("%s: %s formats as %q", e.name, l.code(), s)
			}
		}
	}
}
