package facts

import (
	"slices"
	"testing"
)

func TestYoungerSelves(t *testing.T) {
	s := loadShipped(t)
	var got []string
	for _, y := range s.YoungerSelves() {
		if y.Child.Characters[y.ChildCharacter].Name.EN != y.Adult.Characters[y.AdultCharacter].Name.EN {
			t.Errorf("YoungerSelves pairs %s's %q with %s's %q", y.Child.ID, y.Child.Characters[y.ChildCharacter].Name.EN, y.Adult.ID, y.Adult.Characters[y.AdultCharacter].Name.EN)
		}
		got = append(got, y.Child.ID+" as "+y.Adult.ID)
	}
	want := []string{"moon-woo-jin as kim-soo-hyun", "kim-soo-in as seo-yea-ji", "lee-kyu-sung as oh-jung-se"}
	if !slices.Equal(got, want) {
		t.Errorf("YoungerSelves() = %q, want %q", got, want)
	}
}
