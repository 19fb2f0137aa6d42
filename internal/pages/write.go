package pages

import (
	"fmt"
	"os"
	"path/filepath"
)

// WriteDir writes every page to dir as static files: the English pages
// at its top (index.html, privacy.html, terms.html), the Korean ones
// under ko/, linked to each other by relative paths. It creates dir if
// needed and overwrites the pages' files only.
func (s *Site) WriteDir(dir string) error {
	for _, lang := range Langs {
		for _, page := range All {
			name := filepath.Join(dir, filepath.FromSlash(FileName(page, lang)))
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				return fmt.Errorf("writing the pages: %w", err)
			}
			if err := os.WriteFile(name, s.static[key{page, lang}], 0o644); err != nil {
				return fmt.Errorf("writing the pages: %w", err)
			}
		}
	}
	return nil
}
