package career_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/jenjang-asn/jenjang/career"
)

func TestErrorMessageIn(t *testing.T) {
	nip := career.Newf(career.Invalid, "nip", "NIP harus terdiri dari 18 digit, %q memiliki %d karakter",
		"NIP must have 18 digits, %q has %d characters", "1986", 4)
	aspect := career.Newf(career.Invalid, "ratings", "atasan langsung belum menilai %s", "the direct superior has not rated %s yet",
		career.Message{ID: "hasil kerja", EN: "hasil_kerja"})
	reordered := career.Newf(career.Conflict, "", "baris %[2]d: NIP %[1]s ganda", "NIP %s appears twice (row %d)", "198609262015051001", 7)
	englishOnly := career.Errorf(career.Invalid, "nama", "the name is required")
	for _, c := range []struct {
		name, lang string
		err        error
		want       string
	}{
		{"Indonesian by default", "", nip, `NIP harus terdiri dari 18 digit, "1986" memiliki 4 karakter`},
		{"Indonesian", "id", nip, `NIP harus terdiri dari 18 digit, "1986" memiliki 4 karakter`},
		{"Indonesian region tag", "id-ID", nip, `NIP harus terdiri dari 18 digit, "1986" memiliki 4 karakter`},
		{"any other language is Indonesian", "jv", nip, `NIP harus terdiri dari 18 digit, "1986" memiliki 4 karakter`},
		{"English", "en", nip, `NIP must have 18 digits, "1986" has 4 characters`},
		{"English region tag", "en-GB", nip, `NIP must have 18 digits, "1986" has 4 characters`},
		{"English upper case", "EN", nip, `NIP must have 18 digits, "1986" has 4 characters`},
		{"through a wrap", "id", fmt.Errorf("store: %w", nip), `NIP harus terdiri dari 18 digit, "1986" memiliki 4 karakter`},
		{"Message arg in Indonesian", "id", aspect, "atasan langsung belum menilai hasil kerja"},
		{"Message arg in English", "en", aspect, "the direct superior has not rated hasil_kerja yet"},
		{"explicit arg indexes", "id", reordered, "baris 7: NIP 198609262015051001 ganda"},
		{"explicit arg indexes, English", "en", reordered, "NIP 198609262015051001 appears twice (row 7)"},
		{"no Indonesian text falls back to English", "id", englishOnly, "the name is required"},
		{"no Indonesian text in English", "en", englishOnly, "the name is required"},
		{"a literal with both", "", &career.Error{Code: career.NotFound, Message: "not found", ID: "tidak ditemukan"}, "tidak ditemukan"},
		{"internal never shown", "id", &career.Error{Code: career.Internal, Message: "secret", ID: "rahasia"}, "kesalahan internal"},
		{"internal never shown, English", "en", &career.Error{Code: career.Internal, Message: "secret", ID: "rahasia"}, "internal error"},
		{"other errors never shown", "", errors.New("pq: password=hunter2"), "kesalahan internal"},
		{"other errors never shown, English", "en-US", errors.New("pq: password=hunter2"), "internal error"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := career.ErrorMessageIn(c.err, c.lang); got != c.want {
				t.Errorf("ErrorMessageIn(%v, %q) = %q, want %q", c.err, c.lang, got, c.want)
			}
		})
	}

	// Newf keeps everything else of the error; ErrorMessage and Error() stay English.
	if nip.Code != career.Invalid || nip.Field != "nip" || career.ErrorField(nip) != "nip" {
		t.Errorf("Newf: %+v", nip)
	}
	if got, want := career.ErrorMessage(nip), `NIP must have 18 digits, "1986" has 4 characters`; got != want {
		t.Errorf("ErrorMessage = %q, want %q", got, want)
	}
	if got, want := nip.Error(), `invalid: nip: NIP must have 18 digits, "1986" has 4 characters`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

// A domain error says what is wrong in Indonesian and in English; the server shows the one the caller asked for.
func ExampleErrorMessageIn() {
	_, err := career.ParseNIP("19860926 201505 1 000")
	fmt.Println(career.ErrorField(err))
	fmt.Println(career.ErrorMessageIn(err, "id"))
	fmt.Println(career.ErrorMessageIn(err, "en"))
	// Output:
	// nip
	// nomor urut 000 tidak diterbitkan; nomor urut berlaku dari 001 sampai dengan 999
	// sequence number 000 is not issued; it runs from 001 to 999
}
