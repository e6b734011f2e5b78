package mail

import (
	"bufio"
	"context"
	"net"
	"regexp"
	"strings"
	"testing"
)

// fakeSMTP accepts one message on loopback and returns what it received.
func fakeSMTP(t *testing.T) (addr string, received chan string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	received = make(chan string, 1)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		r := bufio.NewReader(conn)
		say := func(s string) { _, _ = conn.Write([]byte(s + "\r\n")) }
		say("220 fake ESMTP")
		var data strings.Builder
		inData := false
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			if inData {
				if line == ".\r\n" {
					inData = false
					received <- data.String()
					say("250 queued")
					continue
				}
				data.WriteString(line)
				continue
			}
			switch cmd := strings.ToUpper(strings.TrimSpace(line)); {
			case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
				say("250 fake")
			case strings.HasPrefix(cmd, "MAIL"), strings.HasPrefix(cmd, "RCPT"):
				data.WriteString(strings.TrimSpace(line) + "\n")
				say("250 ok")
			case cmd == "DATA":
				inData = true
				say("354 go on")
			case cmd == "QUIT":
				say("221 bye")
				return
			default:
				say("502 unknown")
			}
		}
	}()
	return ln.Addr().String(), received
}

func TestSendDeliversAUTF8MessageToTheServer(t *testing.T) {
	addr, received := fakeSMTP(t)
	s := SMTP{Addr: addr, From: "berceau@reseau.example"}
	err := s.Send(context.Background(), "amina.diallo@berceau.example", "Invitation à rejoindre Berceau", "Bonjour Amina,\n.ligne qui commence par un point\nÀ bientôt")
	if err != nil {
		t.Fatal(err)
	}
	got := <-received
	for _, want := range []string{
		"MAIL FROM:<berceau@reseau.example>", "RCPT TO:<amina.diallo@berceau.example>",
		"Subject: =?utf-8?q?Invitation_=C3=A0_rejoindre_Berceau?=", "Content-Type: text/plain; charset=utf-8",
		"Bonjour Amina,\r\n", "..ligne qui commence", "À bientôt\r\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("message lacks %q:\n%s", want, got)
		}
	}
}

func TestSendRefusesHeaderInjection(t *testing.T) {
	s := SMTP{Addr: "127.0.0.1:1", From: "berceau@reseau.example"}
	if err := s.Send(context.Background(), "a@b.example\r\nBcc: x@y.example", "s", "b"); err == nil {
		t.Fatal("an address with a line break was accepted")
	}
}

func TestSendAcceptsASenderWithADisplayNameAndDatesAndIdentifiesTheMessage(t *testing.T) {
	addr, received := fakeSMTP(t)
	s := SMTP{Addr: addr, From: "Réseau Berceau <berceau@reseau.example>"}
	if err := s.Send(context.Background(), "amina.diallo@berceau.example", "Invitation", "Bonjour"); err != nil {
		t.Fatalf("a sender with a display name: %v", err)
	}
	got := <-received
	for _, want := range []string{
		"MAIL FROM:<berceau@reseau.example>\n", "RCPT TO:<amina.diallo@berceau.example>\n",
		"From: =?utf-8?q?R=C3=A9seau_Berceau?= <berceau@reseau.example>\r\n", "\r\nDate: ",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("message lacks %q:\n%s", want, got)
		}
	}
	id := regexp.MustCompile(`\r\nMessage-ID: <[0-9a-f]{32}@reseau\.example>\r\n`)
	if !id.MatchString(got) {
		t.Errorf("no Message-ID in the sender's domain:\n%s", got)
	}
	addr2, received2 := fakeSMTP(t)
	s.Addr = addr2
	if err := s.Send(context.Background(), "amina.diallo@berceau.example", "Invitation", "Bonjour"); err != nil {
		t.Fatal(err)
	}
	if first, second := id.FindString(got), id.FindString(<-received2); first == second {
		t.Errorf("two messages share the Message-ID %s", first)
	}
}

func TestSendRefusesAnUnparsableSender(t *testing.T) {
	s := SMTP{Addr: "127.0.0.1:1", From: "not an address"}
	if err := s.Send(context.Background(), "a@b.example", "s", "b"); err == nil || !strings.Contains(err.Error(), "sender address") {
		t.Fatalf("an unparsable sender: %v", err)
	}
}
