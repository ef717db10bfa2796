#!/usr/bin/env python3
"""A USB key vendor's local signing service, for the tests and the demo of key sign-in (issue 22).

Real SM2 USB keys (电子钥匙) come with a small service on the user's PC that the browser reaches on loopback: the
sign-in page sends it a challenge, the service has the key sign it (after the user's PIN, on a real key) and returns
the key's certificate and the signature. This one holds an SM2 private key and its certificate in files instead of a
key, and speaks the protocol 政通 expects (docs/deployment.md):

    POST /sign   {"challenge": "<text>"}
    200          {"certificate": "<PEM>", "signature": "<base64>"}

The signature is SM2 with SM3 under the default distinguishing ID 1234567812345678 over the UTF-8 bytes of the
challenge, made with `gmssl` from PyPI (a second implementation, not the server's OpenSSL), as the 64-byte r‖s many
services return (`--der` for DER). CORS answers the sign-in page's origin (`--origin`, several allowed), including
Chrome's Private Network Access preflight. Usage:

    key_signer.py --key key.pem --cert cert.pem --port 21061 --origin http://127.0.0.1:8080 [--der] [--log FILE]

Standard library plus gmssl (and asn1crypto to read the PKCS #8 key).
"""

import argparse
import base64
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from asn1crypto import core
from gmssl import sm2


class ECPrivateKey(core.Sequence):
    _fields = [
        ("version", core.Integer),
        ("private_key", core.OctetString),
        ("parameters", core.Any, {"explicit": 0, "optional": True}),
        ("public_key", core.BitString, {"explicit": 1, "optional": True}),
    ]


class PrivateKeyInfo(core.Sequence):
    _fields = [("version", core.Integer), ("algorithm", core.Any), ("private_key", core.OctetString)]


def pem_body(text, label):
    begin, end = f"-----BEGIN {label}-----", f"-----END {label}-----"
    start = text.index(begin) + len(begin)
    return base64.b64decode("".join(text[start:text.index(end, start)].split()))


def load_key(path):
    """The private scalar and public point (hex, x‖y) of a PKCS #8 (`BEGIN PRIVATE KEY`) or SEC 1 (`BEGIN EC PRIVATE
    KEY`) SM2 key."""
    text = open(path).read()
    if "BEGIN PRIVATE KEY" in text:
        inner = PrivateKeyInfo.load(pem_body(text, "PRIVATE KEY"))["private_key"].native
    else:
        inner = pem_body(text, "EC PRIVATE KEY")
    ec = ECPrivateKey.load(inner)
    scalar = ec["private_key"].native.hex()
    # The public point is d·G (gmssl's own point multiplication), so a key file without it works too.
    helper = sm2.CryptSM2(private_key=scalar, public_key="")
    point = helper._kg(int(scalar, 16), helper.ecc_table["g"])
    return scalar, point


def main():
    parser = argparse.ArgumentParser(description="A local SM2 signing service (a USB key vendor's, for tests and the demo)")
    parser.add_argument("--key", required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--origin", action="append", default=[], help="the sign-in page's origin (repeatable)")
    parser.add_argument("--der", action="store_true", help="return DER signatures instead of r||s")
    parser.add_argument("--log", help="append one line per signature here")
    args = parser.parse_args()

    scalar, point = load_key(args.key)
    signer = sm2.CryptSM2(private_key=scalar, public_key=point)
    certificate = open(args.cert).read()
    origins = set(args.origin)

    class Handler(BaseHTTPRequestHandler):
        def cors(self):
            origin = self.headers.get("Origin")
            if origin and origin in origins:
                self.send_header("Access-Control-Allow-Origin", origin)
                self.send_header("Vary", "Origin")
                self.send_header("Access-Control-Allow-Methods", "POST, OPTIONS")
                self.send_header("Access-Control-Allow-Headers", "Content-Type")
                self.send_header("Access-Control-Allow-Private-Network", "true")

        def reply(self, status, body):
            data = json.dumps(body, ensure_ascii=False).encode()
            self.send_response(status)
            self.cors()
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_OPTIONS(self):  # noqa: N802
            self.send_response(204)
            self.cors()
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_POST(self):  # noqa: N802
            origin = self.headers.get("Origin")
            if origin and origin not in origins:
                return self.reply(403, {"error": "origin not allowed"})
            try:
                length = int(self.headers.get("Content-Length", "0"))
                challenge = json.loads(self.rfile.read(length))["challenge"]
                assert isinstance(challenge, str) and 0 < len(challenge) <= 512
            except Exception:  # noqa: BLE001
                return self.reply(400, {"error": "expected {\"challenge\": \"...\"}"})
            raw = bytes.fromhex(signer.sign_with_sm3(challenge.encode("utf-8")))
            if args.der:
                raw = der_signature(raw)
            if args.log:
                with open(args.log, "a") as f:
                    f.write(challenge + "\n")
            self.reply(200, {"certificate": certificate, "signature": base64.b64encode(raw).decode()})

        def log_message(self, *_):
            pass

    server = ThreadingHTTPServer((args.host, args.port), Handler)
    print(f"key_signer: listening on http://{args.host}:{args.port}/sign", file=sys.stderr, flush=True)
    server.serve_forever()


def der_signature(raw):
    def integer(b):
        b = b.lstrip(b"\x00") or b"\x00"
        if b[0] & 0x80:
            b = b"\x00" + b
        return b"\x02" + bytes([len(b)]) + b
    body = integer(raw[:32]) + integer(raw[32:])
    return b"\x30" + bytes([len(body)]) + body


if __name__ == "__main__":
    main()
