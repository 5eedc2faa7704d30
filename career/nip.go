package career

import (
	"strings"
	"time"
)

// Gender is the sex encoded in the 15th digit of a NIP.
type Gender int

// Genders, as the NIP encodes them.
const (
	Male   Gender = 1
	Female Gender = 2
)

func (g Gender) String() string {
	switch g {
	case Male:
		return "laki-laki"
	case Female:
		return "perempuan"
	}
	return "unknown"
}

// NIP is a valid Nomor Induk Pegawai: 18 digits, YYYYMMDD birth date, YYYYMM appointment (TMT CPNS), one gender
// digit and a three-digit sequence. A NIP can only be made by ParseNIP or ParseNIPAt, so holding one means it is valid.
// The zero NIP is "no NIP".
type NIP struct{ s string }

// ParseNIP parses s as a NIP judged today (see ParseNIPAt).
func ParseNIP(s string) (NIP, error) { return ParseNIPAt(s, Today()) }

// ParseNIPAt parses s as a NIP, judging "appointment in the future" against the date on. Spaces (and the dots some
// spreadsheets add) between the groups are accepted: "19860926 201505 1 001". The rules (Peraturan Kepala BKN on the
// NIP, as summarised in DESIGN §3.1):
//   - exactly 18 digits;
//   - a real birth date (29 February only in a leap year). The "+40 to the day for women" rule belongs to the NIK
//     (the population number), not to the NIP: a day above 31 is rejected;
//   - a real appointment month, not before the year of the 18th birthday and not after on;
//   - gender digit 1 (male) or 2 (female);
//   - sequence 001 to 999.
func ParseNIPAt(s string, on Date) (NIP, error) {
	digits := s
	if !plainDigits(s) { // the common case, 18 digits and nothing else, needs no copy
		digits = strings.Map(func(r rune) rune {
			if r == ' ' || r == '.' || r == '\t' {
				return -1
			}
			return r
		}, s)
	}
	if len(digits) != 18 {
		return NIP{}, Newf(Invalid, "nip", "NIP harus terdiri dari 18 digit, %q memiliki %d karakter",
			"NIP must have 18 digits, %q has %d characters", s, len(digits))
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return NIP{}, Newf(Invalid, "nip", "NIP hanya boleh berisi angka, %q memuat %q pada posisi ke-%d",
				"NIP must be digits only, %q has %q at position %d", s, digits[i], i+1)
		}
	}
	by, bm, bd := atoi(digits[0:4]), atoi(digits[4:6]), atoi(digits[6:8])
	if bd > 31 {
		return NIP{}, Newf(Invalid, "nip", "tanggal lahir %02d bukan tanggal dalam satu bulan (penambahan 40 bagi perempuan adalah aturan NIK, bukan aturan NIP)",
			"birth day %02d is not a day of the month (the +40 for women is a NIK rule, not a NIP rule)", bd)
	}
	birth, err := NewDate(by, time.Month(bm), bd)
	if err != nil {
		return NIP{}, Newf(Invalid, "nip", "tanggal lahir %s-%s-%s pada NIP bukan tanggal yang valid",
			"birth date %s-%s-%s in the NIP is not a calendar date", digits[0:4], digits[4:6], digits[6:8])
	}
	ty, tm := atoi(digits[8:12]), atoi(digits[12:14])
	if tm < 1 || tm > 12 || ty < 1 {
		return NIP{}, Newf(Invalid, "nip", "bulan pengangkatan %s-%s pada NIP bukan bulan yang valid",
			"appointment month %s-%s in the NIP is not a month", digits[8:12], digits[12:14])
	}
	if ty < birth.Year()+18 {
		return NIP{}, Newf(Invalid, "nip", "tahun pengangkatan %d mendahului tahun pegawai berusia 18 tahun (%d)",
			"appointment year %d is before the year of the 18th birthday (%d)", ty, birth.Year()+18)
	}
	if !on.IsZero() && (ty > on.Year() || ty == on.Year() && time.Month(tm) > on.Month()) {
		return NIP{}, Newf(Invalid, "nip", "bulan pengangkatan %04d-%02d belum tiba",
			"appointment month %04d-%02d is in the future", ty, tm)
	}
	if g := digits[14]; g != '1' && g != '2' {
		return NIP{}, Newf(Invalid, "nip", "digit jenis kelamin harus 1 (laki-laki) atau 2 (perempuan), bukan %c",
			"gender digit must be 1 (male) or 2 (female), not %c", g)
	}
	if digits[15:18] == "000" {
		return NIP{}, Newf(Invalid, "nip", "nomor urut 000 tidak diterbitkan; nomor urut berlaku dari 001 sampai dengan 999",
			"sequence number 000 is not issued; it runs from 001 to 999")
	}
	return NIP{digits}, nil
}

// MustParseNIP is ParseNIPAt with a zero date (no future check) for literals known to be valid; it panics otherwise.
func MustParseNIP(s string) NIP {
	n, err := ParseNIPAt(s, Date{})
	if err != nil {
		panic(err)
	}
	return n
}

// plainDigits reports whether s is 18 ASCII digits.
func plainDigits(s string) bool {
	if len(s) != 18 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// String returns the 18 digits.
func (n NIP) String() string { return n.s }

// Formatted returns the NIP in its printed, grouped form: "19860926 201505 1 001".
func (n NIP) Formatted() string {
	if n.s == "" {
		return ""
	}
	return n.s[0:8] + " " + n.s[8:14] + " " + n.s[14:15] + " " + n.s[15:18]
}

// IsZero reports whether n is the zero NIP.
func (n NIP) IsZero() bool { return n.s == "" }

// BirthDate returns the birth date encoded in the NIP.
func (n NIP) BirthDate() Date {
	if n.s == "" {
		return Date{}
	}
	return Date{atoi(n.s[0:4]), time.Month(atoi(n.s[4:6])), atoi(n.s[6:8])}
}

// Appointed returns the TMT CPNS encoded in the NIP: the first day of the appointment month.
func (n NIP) Appointed() Date {
	if n.s == "" {
		return Date{}
	}
	return Date{atoi(n.s[8:12]), time.Month(atoi(n.s[12:14])), 1}
}

// Gender returns the gender encoded in the NIP.
func (n NIP) Gender() Gender {
	if n.s == "" {
		return 0
	}
	return Gender(n.s[14] - '0')
}

// Sequence returns the sequence number (1..999).
func (n NIP) Sequence() int {
	if n.s == "" {
		return 0
	}
	return atoi(n.s[15:18])
}

// MarshalText implements encoding.TextMarshaler: the 18 digits.
func (n NIP) MarshalText() ([]byte, error) { return []byte(n.s), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseNIP; the empty text is the zero NIP.
func (n *NIP) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*n = NIP{}
		return nil
	}
	v, err := ParseNIP(string(b))
	if err != nil {
		return err
	}
	*n = v
	return nil
}
