package career_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/jenjang-asn/jenjang/career"
)

// grades is DESIGN §3.2, in order: the written form and the pangkat name of every PNS grade.
var grades = []struct {
	g         career.Grade
	str, name string
	gol       int
	ruang     byte
}{
	{career.IA, "I/a", "Juru Muda", 1, 'a'},
	{career.IB, "I/b", "Juru Muda Tingkat I", 1, 'b'},
	{career.IC, "I/c", "Juru", 1, 'c'},
	{career.ID, "I/d", "Juru Tingkat I", 1, 'd'},
	{career.IIA, "II/a", "Pengatur Muda", 2, 'a'},
	{career.IIB, "II/b", "Pengatur Muda Tingkat I", 2, 'b'},
	{career.IIC, "II/c", "Pengatur", 2, 'c'},
	{career.IID, "II/d", "Pengatur Tingkat I", 2, 'd'},
	{career.IIIA, "III/a", "Penata Muda", 3, 'a'},
	{career.IIIB, "III/b", "Penata Muda Tingkat I", 3, 'b'},
	{career.IIIC, "III/c", "Penata", 3, 'c'},
	{career.IIID, "III/d", "Penata Tingkat I", 3, 'd'},
	{career.IVA, "IV/a", "Pembina", 4, 'a'},
	{career.IVB, "IV/b", "Pembina Tingkat I", 4, 'b'},
	{career.IVC, "IV/c", "Pembina Utama Muda", 4, 'c'},
	{career.IVD, "IV/d", "Pembina Utama Madya", 4, 'd'},
	{career.IVE, "IV/e", "Pembina Utama", 4, 'e'},
}

func TestGrades(t *testing.T) {
	all := career.Grades()
	if len(all) != 17 || len(grades) != 17 {
		t.Fatalf("Grades() has %d grades, the table %d; want 17", len(all), len(grades))
	}
	for i, tt := range grades {
		t.Run(tt.str, func(t *testing.T) {
			if all[i] != tt.g {
				t.Errorf("Grades()[%d] = %v, want %v", i, all[i], tt.g)
			}
			if !tt.g.Valid() || tt.g.String() != tt.str || tt.g.Name() != tt.name || tt.g.Golongan() != tt.gol || tt.g.Ruang() != tt.ruang {
				t.Errorf("grade %d: Valid %v String %q Name %q Golongan %d Ruang %c; want %q %q %d %c",
					int(tt.g), tt.g.Valid(), tt.g.String(), tt.g.Name(), tt.g.Golongan(), tt.g.Ruang(), tt.str, tt.name, tt.gol, tt.ruang)
			}
			if i > 0 && !(grades[i-1].g < tt.g) {
				t.Errorf("%v does not order above %v", tt.g, grades[i-1].g)
			}
			next, ok := tt.g.Next()
			if tt.g == career.IVE {
				if ok || next != 0 {
					t.Errorf("IV/e.Next() = %v, %v; want none", next, ok)
				}
			} else if !ok || next != grades[i+1].g {
				t.Errorf("%v.Next() = %v, %v; want %v", tt.g, next, ok, grades[i+1].g)
			}
		})
	}
	for _, bad := range []career.Grade{0, 18, -1} {
		if bad.Valid() || bad.String() != "" || bad.Name() != "" || bad.Golongan() != 0 || bad.Ruang() != 0 {
			t.Errorf("grade %d reads as valid", int(bad))
		}
		if _, ok := bad.Next(); ok {
			t.Errorf("grade %d has a next grade", int(bad))
		}
	}
}

func TestParseGrade(t *testing.T) {
	for _, tt := range grades {
		roman, letter, _ := strings.Cut(tt.str, "/")
		arabic := string(rune('0' + tt.gol))
		spellings := []string{
			tt.str, strings.ToUpper(tt.str), strings.ToLower(tt.str), roman + letter, roman + "-" + letter,
			roman + " " + letter, " " + roman + " / " + letter + " ", arabic + "/" + letter, arabic + letter, roman + "." + letter,
		}
		for _, s := range spellings {
			if g, err := career.ParseGrade(s); err != nil || g != tt.g {
				t.Errorf("ParseGrade(%q) = %v, %v; want %v", s, g, err, tt.g)
			}
		}
	}
	for _, s := range []string{"V/a", "IV/f", "III/e", "I/e", "II/e", "", "III", "a", "0/a", "5/a", "IIII/a", "III/1", "X"} {
		if g, err := career.ParseGrade(s); err == nil || career.ErrorField(err) != "grade" {
			t.Errorf("ParseGrade(%q) = %v, %v; want an invalid grade error", s, g, err)
		}
	}
}

func TestGradeText(t *testing.T) {
	for _, tt := range grades {
		b, err := json.Marshal(tt.g)
		if err != nil || string(b) != `"`+tt.str+`"` {
			t.Errorf("Marshal(%v) = %s, %v", tt.g, b, err)
		}
		var g career.Grade
		if err := json.Unmarshal(b, &g); err != nil || g != tt.g {
			t.Errorf("Unmarshal(%s) = %v, %v", b, g, err)
		}
	}
	var g career.Grade = career.IIIA
	if err := g.UnmarshalText(nil); err != nil || g != 0 {
		t.Errorf("empty text = %v, %v; want the zero grade", g, err)
	}
	if err := g.UnmarshalText([]byte("IV/f")); err == nil {
		t.Error("IV/f unmarshalled")
	}
}

func TestEducationCeiling(t *testing.T) {
	// PP 99/2000 jo PP 12/2002 Pasal 4, as in DESIGN §3.2: every level.
	tests := []struct {
		e        career.Education
		name     string
		ceiling  career.Grade
		bachelor bool
	}{
		{career.SD, "SD", career.IIA, false},
		{career.SLTP, "SLTP", career.IIC, false},
		{career.SLTPKejuruan, "SLTP Kejuruan", career.IID, false},
		{career.SLTA, "SLTA", career.IIIB, false},
		{career.D1, "D-I", career.IIIB, false},
		{career.D2, "D-II", career.IIIB, false},
		{career.D3, "D-III", career.IIIC, false},
		{career.D4, "D-IV", career.IIID, true},
		{career.S1, "S1", career.IIID, true},
		{career.S2, "S2", career.IVA, true},
		{career.Dokter, "Dokter", career.IVA, true},
		{career.Apoteker, "Apoteker", career.IVA, true},
		{career.S3, "S3", career.IVB, true},
	}
	if got := career.Educations(); len(got) != len(tests) {
		t.Fatalf("Educations() has %d levels, want %d", len(got), len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if career.Educations()[i] != tt.e {
				t.Errorf("Educations()[%d] = %v", i, career.Educations()[i])
			}
			if got := tt.e.Ceiling(); got != tt.ceiling {
				t.Errorf("Ceiling = %v, want %v", got, tt.ceiling)
			}
			if tt.e.String() != tt.name || !tt.e.Valid() || tt.e.AtLeastBachelor() != tt.bachelor {
				t.Errorf("String %q Valid %v AtLeastBachelor %v", tt.e.String(), tt.e.Valid(), tt.e.AtLeastBachelor())
			}
			if back, err := career.ParseEducation(tt.name); err != nil || back != tt.e {
				t.Errorf("ParseEducation(%q) = %v, %v", tt.name, back, err)
			}
		})
	}
	if career.Education(0).Ceiling() != 0 || career.Education(14).Valid() {
		t.Error("an unknown education level has a ceiling or is valid")
	}
}

func TestParseEducation(t *testing.T) {
	tests := map[string]career.Education{
		"sd": career.SD, "SMP": career.SLTP, "MTs": career.SLTP, "SLTP kejuruan": career.SLTPKejuruan, "SMA": career.SLTA,
		"SMK": career.SLTA, "D1": career.D1, "D-2": career.D2, "D III": career.D3, "D3": career.D3, "D.IV": career.D4,
		"S-1": career.S1, "s1": career.S1, "Sarjana": career.S1, "S2": career.S2, "Magister": career.S2, "dokter": career.Dokter,
		"Profesi Dokter": career.Dokter, "apoteker": career.Apoteker, "S3": career.S3, "Doktor": career.S3,
	}
	for in, want := range tests {
		if got, err := career.ParseEducation(in); err != nil || got != want {
			t.Errorf("ParseEducation(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "S4", "TK", "D5"} {
		if _, err := career.ParseEducation(in); career.ErrorField(err) != "education" {
			t.Errorf("ParseEducation(%q) error = %v, want invalid education", in, err)
		}
	}
	// "dr." (physician, IV/a) and "Dr." (doctorate, IV/b) differ by case alone: refused, with the two ways to say it.
	for _, in := range []string{"dr.", "Dr.", "DR"} {
		_, err := career.ParseEducation(in)
		if career.ErrorField(err) != "education" || !strings.Contains(err.Error(), `"dokter"`) || !strings.Contains(err.Error(), `"S3"`) {
			t.Errorf("ParseEducation(%q) error = %v, want ambiguous, naming dokter and S3", in, err)
		}
	}
}

func TestEmploymentTypeAndPPPKGrade(t *testing.T) {
	for in, want := range map[string]career.EmploymentType{"": career.PNS, "pns": career.PNS, "CPNS": career.PNS, "PPPK": career.PPPK, "p3k": career.PPPK} {
		if got, err := career.ParseEmploymentType(in); err != nil || got != want {
			t.Errorf("ParseEmploymentType(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := career.ParseEmploymentType("honorer"); err == nil {
		t.Error("honorer parsed as an employment type")
	}
	var names []string
	for g := career.PPPKGrade(1); g <= 17; g++ {
		names = append(names, g.String())
		if back, err := career.ParsePPPKGrade(g.String()); err != nil || back != g {
			t.Errorf("ParsePPPKGrade(%q) = %v, %v", g.String(), back, err)
		}
	}
	if want := []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII"}; !slices.Equal(names, want) {
		t.Errorf("PPPK grades = %v", names)
	}
	if g, err := career.ParsePPPKGrade("9"); err != nil || g != 9 {
		t.Errorf(`ParsePPPKGrade("9") = %v, %v`, g, err)
	}
	for _, in := range []string{"0", "18", "XVIII", "III/a"} {
		if _, err := career.ParsePPPKGrade(in); err == nil {
			t.Errorf("ParsePPPKGrade(%q) accepted", in)
		}
	}
}
