#!/usr/bin/env python3
"""Generate docs/test-vectors.json from docs/protocol.md, independently of the Java code.

This is a second implementation of the protocol, written from the spec alone with Python's
`cryptography` package (OpenSSL's AES-CMAC), so that the Java codec (BouncyCastle) and the applet
(jcardsim) are each checked against something they do not share code with.

The output is deterministic: run `python3 scripts/gen-test-vectors.py > docs/test-vectors.json`.
The keys below are TEST/DEMO values, published on purpose; never use them for a real card.
"""
import hashlib
import json
import struct
import sys

from cryptography.hazmat.primitives.ciphers import algorithms
from cryptography.hazmat.primitives.cmac import CMAC


def cmac(key: bytes, msg: bytes) -> bytes:
    c = CMAC(algorithms.AES(key))
    c.update(msg)
    return c.finalize()


def u32(v): return struct.pack(">I", v)
def u16(v): return struct.pack(">H", v)
def hx(b): return b.hex()


# --- RFC 4493 section 4 examples -------------------------------------------------------------
RFC_KEY = bytes.fromhex("2b7e151628aed2a6abf7158809cf4f3c")
RFC_MSG = bytes.fromhex(
    "6bc1bee22e409f96e93d7e117393172a"
    "ae2d8a571e03ac9c9eb76fac45af8e51"
    "30c81c46a35ce411e5fbc1191a0a52ef"
    "f69f2445df4f9b17ad2b417be66c3710")
RFC_EXPECTED = [
    (0, "bb1d6929e95937287fa37d129b756746"),
    (16, "070a16b46b4d4144f79bdd9dd04a287c"),
    (40, "dfa66747de9ae63030ca32611497c827"),
    (64, "51f0bebf7e3b9d92fc49741779363cfe"),
]

# --- KDF (protocol.md 1.1) ---------------------------------------------------------------------
LABEL_UP = b"CS-MAC-UP"
LABEL_DN = b"CS-MAC-DN"


def kdf_input(label: bytes, card_id: bytes, aid: bytes) -> bytes:
    return b"\x01" + label + b"\x00" + card_id + bytes([len(aid)]) + aid + b"\x00\x80"


def derive(mk: bytes, label: bytes, card_id: bytes, aid: bytes) -> bytes:
    return cmac(mk, kdf_input(label, card_id, aid))


DEMO_MASTER_KEY = bytes.fromhex("64656d6f2d6f6e6c792d6d6b2d763031")  # ASCII "demo-only-mk-v01"
CARD_ID = bytes.fromhex("0102030405060708")
AID = bytes.fromhex("f04341524453594e4301")  # F0 "CARDSYNC" 01 (F0: proprietary, unregistered)


# --- the action chain (protocol.md section 1.3) -------------------------------------------------
CHAIN_TAG = b"\xcc"  # separates the chain's MAC input from every upstream message (those start with 0x01)
INITIAL_CHAIN = bytes(16)


def chain_input(chain: bytes, command_mac: bytes) -> bytes:
    assert len(chain) == 16 and len(command_mac) == 16
    return CHAIN_TAG + chain + command_mac


def next_chain(k_up: bytes, chain: bytes, command_mac: bytes) -> bytes:
    return cmac(k_up, chain_input(chain, command_mac))


# --- a reference model of one card application, from the spec -----------------------------------
SW_OK = 0x9000
MAX32 = 0xFFFFFFFF


class Card:
    def __init__(self, aid):
        self.aid = aid
        self.state = 1  # NEW
        self.card_id = bytes(8)
        self.k_up = self.k_dn = None
        self.ca = self.atc = self.balance = self.limit = 0
        self.pin = b""
        self.pin_limit = 0
        self.pin_tries = 0
        self.pin_validated = False
        self.params = [b""] * 8
        self.apps = []  # dicts: id, state, data
        self.session = None
        self.chain = INITIAL_CHAIN  # PERSONALISE leaves it as installed

    # session: dict(atc, ca_start, executed, ref_s, ref_code, halted)

    def status(self):
        flags = (1 if self.ca == MAX32 else 0) | (2 if self.atc == MAX32 else 0) \
            | (4 if self.session else 0) | (8 if self.pin_validated else 0)
        out = bytes([1, self.state]) + self.card_id + bytes([len(self.aid)]) + self.aid
        out += u32(self.ca) + u32(self.atc) + u32(self.balance) + u32(self.limit)
        out += bytes([self.pin_tries, flags, len(self.apps)])
        for a in self.apps:
            out += u16(a["id"]) + bytes([a["state"]]) + u16(len(a["data"]))
        return out

    def sign(self, mtype, body):
        msg = bytes([1, mtype]) + self.card_id + bytes([len(self.aid)]) + self.aid
        msg += u32(self.atc) + u32(self.ca) + self.chain + bytes([len(body)]) + body
        return msg + cmac(self.k_up, msg)

    def transmit(self, apdu: bytes):
        cla, ins, p1, p2 = apdu[0], apdu[1], apdu[2], apdu[3]
        data = apdu[5:5 + apdu[4]] if len(apdu) > 5 else b""
        if cla == 0x00 and ins == 0xA4:
            self.session = None
            self.pin_validated = False
            return b"", SW_OK
        if cla == 0x00 and ins == 0x20:
            return self.verify(data)
        if cla != 0x80:
            return b"", 0x6E00
        if ins not in (0x10, 0x30, 0x32, 0x40, 0x42, 0x44, 0x46):
            return b"", 0x6D00  # INS is checked before the state
        if ins == 0x10:
            return self.personalise(data)
        if ins == 0x30:
            return self.status(), SW_OK
        if self.state == 1:
            return b"", 0x6985
        if ins == 0x32:
            if p1 > 7:
                return b"", 0x6A86
            return self.params[p1], SW_OK
        if ins == 0x40:
            return self.request(data)
        if ins == 0x42:
            return self.execute(data)
        if ins in (0x44, 0x46):
            return self.report(ins)
        return b"", 0x6D00

    def verify(self, pin):
        if self.state == 1:
            return b"", 0x6985
        if self.state == 3:
            return b"", 0x6A95
        if not 4 <= len(pin) <= 8:
            return b"", 0x6700
        if self.pin_tries == 0:
            return b"", 0x6983
        if pin == self.pin:
            self.pin_tries = self.pin_limit
            self.pin_validated = True
            return b"", SW_OK
        self.pin_tries -= 1
        self.pin_validated = False
        return b"", 0x63C0 | self.pin_tries

    def personalise(self, d):
        if self.state != 1:
            return b"", 0x6986
        self.card_id = d[1:9]
        self.k_up, self.k_dn = d[9:25], d[25:41]
        self.limit, self.balance, self.ca, self.atc = struct.unpack(">IIII", d[41:57])
        self.pin_limit = self.pin_tries = d[57]
        n = d[58]
        self.pin = d[59:59 + n]
        off = 59 + n
        m = d[off]
        off += 1
        for _ in range(m):
            slot, ln = d[off], d[off + 1]
            self.params[slot] = d[off + 2:off + 2 + ln]
            off += 2 + ln
        assert off == len(d)
        self.state = 2
        return b"", SW_OK

    def request(self, d):
        if len(d) != 25:
            return b"", 0x6700
        ttype, amount, un = d[0], struct.unpack(">I", d[1:5])[0], d[5:9]
        challenge = d[9:25]
        if ttype not in (1, 2, 3) or (ttype == 2) != (amount > 0):
            return b"", 0x6A80
        if self.state == 3 and ttype == 2:
            return b"", 0x6A95
        if self.atc == MAX32:
            return b"", 0x6A94
        if ttype == 2 and not self.pin_validated:
            return b"", 0x6982
        if ttype == 2 and amount > self.balance:
            return b"", 0x6A96
        self.atc += 1
        if ttype == 2:
            self.balance -= amount
        self.session = dict(atc=self.atc, ca_start=self.ca, executed=0, ref_s=0, ref_code=0, halted=False)
        self.pin_validated = False
        body = bytes([ttype]) + u32(amount) + un + challenge + u32(self.balance) \
            + bytes([self.state, self.pin_tries]) + b"\x00\x00"
        return self.sign(1, body), SW_OK

    def refuse(self, s, code, sw):
        if self.session["ref_code"] == 0:
            self.session["ref_s"], self.session["ref_code"] = s, code
        return b"", sw

    def execute(self, d):
        if len(d) < 27 or len(d) != 27 + d[10]:
            return b"", 0x6700
        if d[0] != 1:
            return b"", 0x6A80
        p = d[10]
        body, mac = d[:11 + p], d[11 + p:]
        expected = cmac(self.k_dn, self.card_id + bytes([len(self.aid)]) + self.aid + body)
        if mac != expected:
            return b"", 0x6988
        atc, s = struct.unpack(">II", d[1:9])
        atype, payload = d[9], d[11:11 + p]
        if self.session is None or self.session["atc"] != atc:
            return b"", 0x6A90
        if self.session["halted"]:
            return self.refuse(s, 0x93, 0x6A93)
        if self.ca == MAX32 or self.atc == MAX32:
            return self.refuse(s, 0x94, 0x6A94)
        if s <= self.ca:
            return self.refuse(s, 0x91, 0x6A91)
        if s > self.ca + 1:
            return self.refuse(s, 0x92, 0x6A92)
        if self.state == 3 and atype != 6:
            return self.merit(s, 0x0A)
        reason = self.apply(atype, payload)
        if reason:
            return self.merit(s, reason)
        self.chain = next_chain(self.k_up, self.chain, mac)  # with the effect and CA + 1 (section 6.0)
        self.ca += 1
        self.session["executed"] += 1
        return b"", SW_OK

    def merit(self, s, reason):
        self.session["halted"] = True
        return self.refuse(s, reason, 0x9400 | reason)

    def apply(self, t, pl):
        if t == 1:
            if len(pl) != 4 or struct.unpack(">I", pl)[0] == 0:
                return 0x0B
            amount = struct.unpack(">I", pl)[0]
            if self.balance + amount > self.limit:
                return 0x01
            self.balance += amount
        elif t == 2:
            if len(pl) == 0:
                return 0x0B
            if pl[0] > 7:
                return 0x02
            if len(pl) - 1 > 32:
                return 0x03
            self.params[pl[0]] = pl[1:]
        elif t == 3:
            if len(pl) < 4:
                return 0x0B
            app_id, idx, data = struct.unpack(">H", pl[:2])[0], pl[2], pl[3:]
            if len(data) > 128:
                return 0x0B
            entry = next((a for a in self.apps if a["id"] == app_id), None)
            if entry is None:
                if len(self.apps) == 4:
                    return 0x04
                if idx != 0:
                    return 0x05
                self.apps.append(dict(id=app_id, state=1, data=data, next=1))
                return 0
            if entry["state"] == 2:
                return 0x0D
            if idx != entry["next"]:
                return 0x05
            if len(entry["data"]) + len(data) > 256:
                return 0x07
            entry["data"] += data
            entry["next"] += 1
        elif t == 4:
            if len(pl) != 36:
                return 0x0B
            app_id, total, digest = struct.unpack(">H", pl[:2])[0], struct.unpack(">H", pl[2:4])[0], pl[4:]
            entry = next((a for a in self.apps if a["id"] == app_id and a["state"] == 1), None)
            if entry is None:
                return 0x08
            if total != len(entry["data"]) or hashlib.sha256(entry["data"]).digest() != digest:
                return 0x06
            entry["state"] = 2
        elif t == 5:
            if pl:
                return 0x0B
            self.state = 3
        elif t == 6:
            if pl:
                return 0x0B
            if self.state != 3:
                return 0x09
            self.state = 2
        elif t == 7:
            if pl:
                return 0x0B
            self.pin_tries = self.pin_limit
        else:
            return 0x0C
        return 0

    def report(self, ins):
        if ins == 0x44 and self.session is None:
            return b"", 0x6A90
        if self.atc == MAX32:
            return b"", 0x6A94
        self.atc += 1
        s = self.session or dict(atc=0, ca_start=self.ca, executed=0, ref_s=0, ref_code=0)
        body = u32(s["atc"]) + u32(s["ca_start"]) + u16(s["executed"]) + u32(s["ref_s"]) \
            + bytes([s["ref_code"]]) + u32(self.balance) + bytes([self.state, self.pin_tries])
        self.session = None
        return self.sign(2 if ins == 0x44 else 3, body), SW_OK


# --- encoders -------------------------------------------------------------------------------------
def apdu(cla, ins, p1, p2, data=b"", le=False):
    out = bytes([cla, ins, p1, p2])
    if data:
        out += bytes([len(data)]) + data
    if le:
        out += b"\x00"
    return out


def personalisation(card_id, k_up, k_dn, limit, balance, ca, atc, tries, pin, params):
    d = b"\x01" + card_id + k_up + k_dn + u32(limit) + u32(balance) + u32(ca) + u32(atc)
    d += bytes([tries, len(pin)]) + pin + bytes([len(params)])
    for slot, value in params:
        d += bytes([slot, len(value)]) + value
    return d


def script_command(k_dn, card_id, aid, atc, seq, atype, payload):
    body = b"\x01" + u32(atc) + u32(seq) + bytes([atype, len(payload)]) + payload
    return body + cmac(k_dn, card_id + bytes([len(aid)]) + aid + body)


def request_data(ttype, amount, un, challenge=bytes(16)):
    return bytes([ttype]) + u32(amount) + un + challenge


def main():
    k_up = derive(DEMO_MASTER_KEY, LABEL_UP, CARD_ID, AID)
    k_dn = derive(DEMO_MASTER_KEY, LABEL_DN, CARD_ID, AID)
    out = {
        "format": "cardsync-test-vectors/1",
        "note": "TEST VALUES ONLY. Generated by scripts/gen-test-vectors.py from docs/protocol.md.",
        "cmac": [dict(name=f"RFC 4493 example, {n}-byte message", key=hx(RFC_KEY), message=hx(RFC_MSG[:n]), mac=m)
                 for n, m in RFC_EXPECTED],
        "kdf": [],
    }
    for n, m in RFC_EXPECTED:  # self-check: OpenSSL agrees with the RFC
        assert hx(cmac(RFC_KEY, RFC_MSG[:n])) == m
    second_aid = bytes.fromhex("f04341524453594e4302")
    for aid in (AID, second_aid):
        for label in (LABEL_UP, LABEL_DN):
            out["kdf"].append(dict(masterKey=hx(DEMO_MASTER_KEY), cardId=hx(CARD_ID), aid=hx(aid),
                                   label=label.decode(), prfInput=hx(kdf_input(label, CARD_ID, aid)),
                                   key=hx(derive(DEMO_MASTER_KEY, label, CARD_ID, aid))))

    params = [(0, bytes.fromhex("0102")), (3, b"hello")]
    perso = personalisation(CARD_ID, k_up, k_dn, 100000, 1000, 0, 0, 3, b"1234", params)
    out["personalisation"] = [dict(
        name="demo card application 1", cardId=hx(CARD_ID), aid=hx(AID), kUp=hx(k_up), kDn=hx(k_dn),
        purseLimit=100000, balance=1000, ca=0, atc=0, pinTryLimit=3, pin=hx(b"1234"),
        parameters=[dict(slot=s, value=hx(v)) for s, v in params], data=hx(perso),
        apdu=hx(apdu(0x80, 0x10, 0, 0, perso)))]

    card = Card(AID)
    steps = []
    upstream = []
    commands = []
    executed_macs = []  # the MACs of the commands the card executed, in order

    def step(name, cmd, expect_sw=None, kind=None, fields=None):
        data, sw = card.transmit(cmd)
        if expect_sw is not None:
            assert sw == expect_sw, f"{name}: model gave {sw:04X}, expected {expect_sw:04X}"
        steps.append(dict(name=name, command=hx(cmd), response=hx(data + u16(sw))))
        if kind == "upstream" and sw == SW_OK:
            upstream.append(dict(name=name, kUp=hx(k_up), message=hx(data), mac=hx(data[-16:]), **(fields or {}),
                                 chain=hx(card.chain)))
        return data, sw

    def exe(name, atc, seq, atype, payload, expect_sw, tamper=False):
        cmd_data = script_command(k_dn, CARD_ID, AID, atc, seq, atype, payload)
        if tamper:
            cmd_data = cmd_data[:-1] + bytes([cmd_data[-1] ^ 0x01])
        if not tamper:
            commands.append(dict(name=name, kDn=hx(k_dn), cardId=hx(CARD_ID), aid=hx(AID), atc=atc, seq=seq,
                                 actionType=atype, payload=hx(payload), data=hx(cmd_data),
                                 mac=hx(cmd_data[-16:]), apdu=hx(apdu(0x80, 0x42, 0, 0, cmd_data))))
        result = step(name, apdu(0x80, 0x42, 0, 0, cmd_data), expect_sw)
        if result[1] == SW_OK:
            executed_macs.append((name, cmd_data[-16:]))
        return result

    step("SELECT", apdu(0x00, 0xA4, 0x04, 0x00, AID), SW_OK)
    step("GET STATUS before personalisation", apdu(0x80, 0x30, 0, 0, le=True), SW_OK)
    step("REQUEST before personalisation", apdu(0x80, 0x40, 0, 0, request_data(1, 0, bytes(4))), 0x6985)
    step("PERSONALISE", apdu(0x80, 0x10, 0, 0, perso), SW_OK)
    step("PERSONALISE again is refused", apdu(0x80, 0x10, 0, 0, perso), 0x6986)
    step("GET STATUS after personalisation", apdu(0x80, 0x30, 0, 0, le=True), SW_OK)
    step("READ PARAMETER slot 3", apdu(0x80, 0x32, 3, 0, le=True), SW_OK)
    step("READ PARAMETER slot 9 is refused", apdu(0x80, 0x32, 9, 0, le=True), 0x6A86)
    exe("EXECUTE with no session", 1, 1, 1, u32(500), 0x6A90)
    step("REQUEST PURCHASE without PIN", apdu(0x80, 0x40, 0, 0, request_data(2, 250, bytes.fromhex("11223344"))), 0x6982)
    step("VERIFY wrong PIN", apdu(0x00, 0x20, 0x00, 0x80, b"1111"), 0x63C2)
    step("VERIFY PIN", apdu(0x00, 0x20, 0x00, 0x80, b"1234"), SW_OK)
    step("REQUEST PURCHASE over the balance", apdu(0x80, 0x40, 0, 0, request_data(2, 5000, bytes.fromhex("11223344"))), 0x6A96)
    step("REQUEST PURCHASE 250", apdu(0x80, 0x40, 0, 0, request_data(2, 250, bytes.fromhex("11223344"))), SW_OK,
         "upstream", dict(type="REQUEST", atc=1, ca=0))
    exe("EXECUTE s=1 CREDIT 500", 1, 1, 1, u32(500), SW_OK)
    exe("EXECUTE s=1 replayed", 1, 1, 1, u32(500), 0x6A91)
    exe("EXECUTE s=3 out of order", 1, 3, 2, bytes.fromhex("01aabbcc"), 0x6A92)
    exe("EXECUTE s=2 with a flipped MAC bit", 1, 2, 2, bytes.fromhex("01aabbcc"), 0x6988, tamper=True)
    exe("EXECUTE s=2 WRITE_PARAMETER slot 1", 1, 2, 2, bytes.fromhex("01aabbcc"), SW_OK)
    exe("EXECUTE s=3 CREDIT over the purse limit", 1, 3, 1, u32(1000000), 0x9401)
    exe("EXECUTE s=4 after a merit failure", 1, 4, 7, b"", 0x6A93)
    step("ACK", apdu(0x80, 0x44, 0, 0, le=True), SW_OK, "upstream", dict(type="ACK", atc=2, ca=2))
    step("ACK with no open session", apdu(0x80, 0x44, 0, 0, le=True), 0x6A90)
    exe("EXECUTE s=3 after the ACK closed the session", 1, 3, 7, b"", 0x6A90)
    step("INFO with no session", apdu(0x80, 0x46, 0, 0, le=True), SW_OK, "upstream", dict(type="INFO", atc=3, ca=2))
    step("REQUEST SYNC", apdu(0x80, 0x40, 0, 0, request_data(1, 0, bytes(4))), SW_OK)
    exe("EXECUTE s=3 BLOCK", 4, 3, 5, b"", SW_OK)
    exe("EXECUTE s=4 CREDIT while blocked", 4, 4, 1, u32(5), 0x940A)
    step("INFO after a blocked credit", apdu(0x80, 0x46, 0, 0, le=True), SW_OK)
    step("VERIFY PIN while blocked", apdu(0x00, 0x20, 0x00, 0x80, b"1234"), 0x6A95)
    step("REQUEST PURCHASE while blocked", apdu(0x80, 0x40, 0, 0, request_data(2, 1, bytes(4))), 0x6A95)
    challenge = bytes.fromhex("a1a2a3a4a5a6a7a8a9aaabacadaeafb0")
    step("REQUEST AUTHENTICATE with a server challenge",
         apdu(0x80, 0x40, 0, 0, request_data(3, 0, bytes.fromhex("55667788"), challenge)), SW_OK,
         "upstream", dict(type="REQUEST", atc=6, ca=3))
    exe("EXECUTE s=4 UNBLOCK", 6, 4, 6, b"", SW_OK)
    record = bytes(range(160))
    exe("EXECUTE s=5 LOAD_APPLICATION_BLOCK 0", 6, 5, 3, u16(0x0101) + b"\x00" + record[:100], SW_OK)
    exe("EXECUTE s=6 LOAD_APPLICATION_BLOCK 1", 6, 6, 3, u16(0x0101) + b"\x01" + record[100:], SW_OK)
    exe("EXECUTE s=7 LOAD_APPLICATION_ACTIVATE", 6, 7, 4,
        u16(0x0101) + u16(len(record)) + hashlib.sha256(record).digest(), SW_OK)
    step("ACK after the load", apdu(0x80, 0x44, 0, 0, le=True), SW_OK, "upstream", dict(type="ACK", atc=7, ca=7))
    step("GET STATUS at the end", apdu(0x80, 0x30, 0, 0, le=True), SW_OK)
    step("READ PARAMETER slot 1", apdu(0x80, 0x32, 1, 0, le=True), SW_OK)

    # The chain over the first three executed commands, from the chain of a fresh application.
    links = []
    chain = INITIAL_CHAIN
    for name, mac in executed_macs[:3]:
        following = next_chain(k_up, chain, mac)
        links.append(dict(name="after " + name, kUp=hx(k_up), chain=hx(chain), commandMac=hx(mac),
                          input=hx(chain_input(chain, mac)), next=hx(following)))
        chain = following
    assert links[0]["chain"] == hx(INITIAL_CHAIN)

    out["upstream"] = upstream
    out["actionChain"] = links
    out["scriptCommands"] = commands
    out["cardScenario"] = dict(
        description="Run on a freshly installed application with AID " + hx(AID) + "; each command's "
                    "response is data followed by the two status word bytes.",
        aid=hx(AID), steps=steps)
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
