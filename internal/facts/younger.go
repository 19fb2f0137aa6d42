package facts

// YoungerSelf is a child actor who plays an adult's character as a child.
type YoungerSelf struct {
	Child *Person
	// ChildCharacter is the index of the character in Child.Characters.
	ChildCharacter int
	Adult          *Person
	// AdultCharacter is the index of the same character in Adult.Characters.
	AdultCharacter int
}

// YoungerSelves returns who plays whose younger self: each character of
// each child actor with each adult who plays a character of that English
// name, in the order of the children, their characters, then the adults
// (cast order). An adult who plays the character as a reveal is never
// paired: the child is shown on the adult's card and leads to it, and
// either would name the reveal. Load checks that every character of a
// child has an adult here.
func (s *Store) YoungerSelves() []YoungerSelf { return s.younger }

// youngerSelves pairs the child actors among people with the adults whose
// characters they play (see Store.YoungerSelves).
func youngerSelves(people []Person) []YoungerSelf {
	var out []YoungerSelf
	for i := range people {
		child := &people[i]
		if child.Billing != Child {
			continue
		}
		for ci, ch := range child.Characters {
			for j := range people {
				adult := &people[j]
				if adult.Billing == Child {
					continue
				}
				for ai, a := range adult.Characters {
					if !a.Reveal && a.Name.EN == ch.Name.EN {
						out = append(out, YoungerSelf{Child: child, ChildCharacter: ci, Adult: adult, AdultCharacter: ai})
					}
				}
			}
		}
	}
	return out
}
