package career_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/jenjang-asn/jenjang/career"
)

// judged is the date the NIP tests judge "appointment in the future" against.
var judged = career.MustDate(2026, 4, 1)

func TestParseNIPAt(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // the 18 digits; "" when invalid
		msg  string // a fragment of the error message when invalid
	}{
		{"unspaced", "198609262015051001", "198609262015051001", ""},
		{"spaced", "19860926 201505 1 001", "198609262015051001", ""},
		{"spaced with tabs and dots", "19860926.201505\t1 001", "198609262015051001", ""},
		{"leading and trailing spaces", " 198609262015051001 ", "198609262015051001", ""},
		{"female", "199002142019032002", "199002142019032002", ""},
		{"length 17", "19860926201505100", "", "18 digits"},
		{"length 19", "1986092620150510011", "", "18 digits"},
		{"empty", "", "", "18 digits"},
		{"spaces only", "   ", "", "18 digits"},
		{"letter", "19860926201505100A", "", "digits only"},
		{"dash", "1986092620150-1001", "", "digits only"},
		{"29 February in a leap year", "198402292008011001", "198402292008011001", ""},
		{"29 February in a common year", "198502292008011001", "", "not a calendar date"},
		{"29 February 1900 (not a leap year)", "190002292008011001", "", "not a calendar date"},
		{"31 April", "198604312008011001", "", "not a calendar date"},
		{"birth month 13", "198613012010011001", "", "not a calendar date"},
		{"birth month 00", "198600012010011001", "", "not a calendar date"},
		{"birth day 00", "198601002010011001", "", "not a calendar date"},
		{"birth year 0000", "000001012010011001", "", "not a calendar date"},
		{"NIK +40 for a woman: day 41", "198609412015052001", "", "NIK"},
		{"NIK +40 for a woman: day 66", "198609662015052001", "", "NIK"},
		{"NIK +40 for a woman: day 71", "198609712015052001", "", "NIK"},
		{"day 32", "198601322015052001", "", "not a day of the month"},
		{"gender 0", "198609262015050001", "", "gender digit"},
		{"gender 3", "198609262015053001", "", "gender digit"},
		{"gender 9", "198609262015059001", "", "gender digit"},
		{"sequence 000", "198609262015051000", "", "sequence number 000"},
		{"sequence 001", "198609262015051001", "198609262015051001", ""},
		{"sequence 999", "198609262015051999", "198609262015051999", ""},
		{"appointment month 00", "198609262015001001", "", "not a month"},
		{"appointment month 13", "198609262015131001", "", "not a month"},
		{"appointment before the 18th-birthday year", "198609262003121001", "", "before the year of the 18th birthday"},
		{"appointment in the 18th-birthday year", "198609262004011001", "198609262004011001", ""},
		{"appointment this month", "199801012026041001", "199801012026041001", ""},
		{"appointment next month", "199801012026051001", "", "in the future"},
		{"appointment next year", "199801012027011001", "", "in the future"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := career.ParseNIPAt(tt.in, judged)
			if tt.want != "" {
				if err != nil {
					t.Fatalf("ParseNIPAt(%q): %v", tt.in, err)
				}
				if n.String() != tt.want {
					t.Errorf("String = %q, want %q", n.String(), tt.want)
				}
				return
			}
			if err == nil {
				t.Fatalf("ParseNIPAt(%q) = %v, want an error", tt.in, n)
			}
			if career.ErrorCode(err) != career.Invalid || career.ErrorField(err) != "nip" {
				t.Errorf("error %v: want code invalid, field nip", err)
			}
			if !strings.Contains(career.ErrorMessage(err), tt.msg) {
				t.Errorf("message %q does not mention %q", career.ErrorMessage(err), tt.msg)
			}
			if !n.IsZero() {
				t.Errorf("an invalid NIP returned a non-zero value %q", n)
			}
		})
	}
}

func TestParseNIPAtZeroDateSkipsFutureCheck(t *testing.T) {
	if _, err := career.ParseNIPAt("200001012099011001", career.Date{}); err != nil {
		t.Errorf("zero date: %v", err)
	}
	if _, err := career.ParseNIPAt("200001012099011001", judged); err == nil {
		t.Error("appointment in 2099 accepted on 2026-04-01")
	}
}

func TestParseNIPToday(t *testing.T) {
	// ParseNIP judges the future against today: an appointment long past is valid, one in 9999 never is.
	if _, err := career.ParseNIP("19860926 201505 1 001"); err != nil {
		t.Errorf("ParseNIP: %v", err)
	}
	if _, err := career.ParseNIP("198609269999011001"); err == nil {
		t.Error("ParseNIP accepted an appointment in 9999")
	}
}

func TestNIPAccessors(t *testing.T) {
	tests := []struct {
		in        string
		birth     career.Date
		appointed career.Date
		gender    career.Gender
		genderStr string
		seq       int
		formatted string
	}{
		{"198609262015051001", career.MustDate(1986, 9, 26), career.MustDate(2015, 5, 1), career.Male, "laki-laki", 1, "19860926 201505 1 001"},
		{"19900214 201903 2 999", career.MustDate(1990, 2, 14), career.MustDate(2019, 3, 1), career.Female, "perempuan", 999, "19900214 201903 2 999"},
		{"198402292008121042", career.MustDate(1984, 2, 29), career.MustDate(2008, 12, 1), career.Male, "laki-laki", 42, "19840229 200812 1 042"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n, err := career.ParseNIPAt(tt.in, judged)
			if err != nil {
				t.Fatal(err)
			}
			if got := n.BirthDate(); got != tt.birth {
				t.Errorf("BirthDate = %v, want %v", got, tt.birth)
			}
			if got := n.Appointed(); got != tt.appointed {
				t.Errorf("Appointed = %v, want %v", got, tt.appointed)
			}
			if got := n.Gender(); got != tt.gender || got.String() != tt.genderStr {
				t.Errorf("Gender = %v (%d), want %v", got, got, tt.genderStr)
			}
			if got := n.Sequence(); got != tt.seq {
				t.Errorf("Sequence = %d, want %d", got, tt.seq)
			}
			if got := n.Formatted(); got != tt.formatted {
				t.Errorf("Formatted = %q, want %q", got, tt.formatted)
			}
			if got := strings.ReplaceAll(tt.formatted, " ", ""); n.String() != got {
				t.Errorf("String = %q, want %q", n.String(), got)
			}
		})
	}
	var zero career.NIP
	if !zero.IsZero() || zero.String() != "" || zero.Formatted() != "" || !zero.BirthDate().IsZero() || !zero.Appointed().IsZero() || zero.Gender() != 0 || zero.Sequence() != 0 {
		t.Error("the zero NIP has non-zero parts")
	}
}

func TestNIPText(t *testing.T) {
	type row struct {
		NIP career.NIP `json:"nip"`
	}
	n := career.MustParseNIP("19860926 201505 1 001")
	b, err := json.Marshal(row{n})
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"nip":"198609262015051001"}` {
		t.Errorf("Marshal = %s", b)
	}
	var back row
	if err := json.Unmarshal(b, &back); err != nil || back.NIP != n {
		t.Errorf("round trip = %v, %v; want %v", back.NIP, err, n)
	}
	if err := json.Unmarshal([]byte(`{"nip":"19860926 201505 1 001"}`), &back); err != nil || back.NIP != n {
		t.Errorf("spaced input = %v, %v; want %v", back.NIP, err, n)
	}
	if err := json.Unmarshal([]byte(`{"nip":""}`), &back); err != nil || !back.NIP.IsZero() {
		t.Errorf("empty input = %v, %v; want the zero NIP", back.NIP, err)
	}
	if err := json.Unmarshal([]byte(`{"nip":"198609262015051000"}`), &back); career.ErrorCode(err) != career.Invalid {
		t.Errorf("sequence 000 unmarshalled: %v", err)
	}
	if b, _ := json.Marshal(row{}); string(b) != `{"nip":""}` {
		t.Errorf("zero NIP marshals to %s", b)
	}
}

func TestMustParseNIPPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustParseNIP did not panic on an invalid NIP")
		}
	}()
	career.MustParseNIP("198609262015053001")
}
