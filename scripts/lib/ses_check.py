#!/usr/bin/env python3
"""Check the GB/T 38540 seals of an OFD with a second implementation, sharing no code with Zhengtong's.

    python3 scripts/lib/ses_check.py FILE.ofd [--trust MAKER.pem] [--expect-invalid]

For every Seal signature listed in the package's Signatures.xml it
- recomputes the SM3 of every file the Signature.xml references and compares it with its CheckValue;
- parses SignedValue.dat as an SES_Signature (asn1crypto), checks that dataHash is the SM3 of Signature.xml and
  that propertyInfo names that file;
- verifies the signer's SM2 signature over TBS_Sign, the seal maker's SM2 signature over SES_SealInfo and the
  maker's signature on the signer's certificate (gmssl: pure-Python SM2/SM3, default ID 1234567812345678);
- checks that the signer's certificate is one the seal lists and that the signing time is within the seal's
  validity; with --trust, that the seal's maker certificate is the one given.
It prints one line per signature and exits 0 when all hold (or, with --expect-invalid, when at least one does not).
gmssl and asn1crypto are installed with pip when missing.
"""

import argparse
import importlib
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET


def ensure(module, package):
    try:
        return importlib.import_module(module)
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", package], check=True)
        return importlib.import_module(module)


ensure("gmssl", "gmssl")
ensure("asn1crypto", "asn1crypto")
from asn1crypto import core, pem, x509  # noqa: E402
from gmssl import sm2, sm3, func  # noqa: E402

SM2_WITH_SM3 = "1.2.156.10197.1.501"
SM3_OID = "1.2.156.10197.1.401"
OFD_NS = "{http://www.ofdspec.org/2016}"


# GB/T 38540-2020, version 4, written from the standard's ASN.1.
class Header(core.Sequence):
    _fields = [("id", core.IA5String), ("version", core.Integer), ("vid", core.IA5String)]


class CertList(core.SequenceOf):
    _child_spec = core.OctetString


class PropertyInfo(core.Sequence):
    _fields = [("type", core.Integer), ("name", core.UTF8String), ("cert_list_type", core.Integer),
               ("cert_list", CertList), ("create_date", core.GeneralizedTime),
               ("valid_start", core.GeneralizedTime), ("valid_end", core.GeneralizedTime)]


class PictureInfo(core.Sequence):
    _fields = [("type", core.IA5String), ("data", core.OctetString), ("width", core.Integer), ("height", core.Integer)]


class SealInfo(core.Sequence):
    _fields = [("header", Header), ("es_id", core.IA5String), ("property", PropertyInfo), ("picture", PictureInfo),
               ("ext_datas", core.Any, {"optional": True})]


class SESeal(core.Sequence):
    _fields = [("seal_info", SealInfo), ("cert", core.OctetString), ("sign_alg_id", core.ObjectIdentifier),
               ("signed_value", core.OctetBitString)]


class TBSSign(core.Sequence):
    _fields = [("version", core.Integer), ("eseal", SESeal), ("time_info", core.GeneralizedTime),
               ("data_hash", core.OctetBitString), ("property_info", core.IA5String),
               ("ext_datas", core.Any, {"explicit": 0, "optional": True})]


class SESSignature(core.Sequence):
    _fields = [("to_sign", TBSSign), ("cert", core.OctetString), ("signature_alg_id", core.ObjectIdentifier),
               ("signature", core.OctetBitString), ("time_stamp", core.OctetBitString, {"implicit": 0, "optional": True})]


def sm3_bytes(data):
    return bytes.fromhex(sm3.sm3_hash(func.bytes_to_list(data)))


def sm2_verify(certificate, der_signature, message):
    """The SM2 signature (DER r, s) of message by the certificate's key, with the default ID."""
    point = certificate.public_key["public_key"].native
    if len(point) != 65 or point[0] != 4:
        return False
    rs = core.load(der_signature)
    r, s = rs[0].native, rs[1].native
    raw = "%064x%064x" % (r, s)
    return sm2.CryptSM2(public_key=point[1:].hex(), private_key=None).verify_with_sm3(raw, message)


def resolve(base_dir, loc):
    if loc.startswith("/"):
        return loc[1:]
    return (base_dir + "/" + loc) if base_dir else loc


def check_signature(package, signature_path, trusted_maker):
    problems = []
    xml_bytes = package.read(signature_path)
    root = ET.fromstring(xml_bytes)
    signed_info = root.find(OFD_NS + "SignedInfo")
    method = signed_info.findtext(OFD_NS + "SignatureMethod")
    if method != SM2_WITH_SM3:
        return ["SignatureMethod is %s, not SM2 with SM3" % method]
    references = signed_info.find(OFD_NS + "References")
    if references.get("CheckMethod") != SM3_OID:
        problems.append("References CheckMethod is %s, not SM3" % references.get("CheckMethod"))
    for reference in references.findall(OFD_NS + "Reference"):
        path = resolve("", reference.get("FileRef"))
        recorded = __import__("base64").b64decode(reference.findtext(OFD_NS + "CheckValue"))
        if path not in package.namelist():
            problems.append("referenced file %s is missing" % path)
        elif sm3_bytes(package.read(path)) != recorded:
            problems.append("the SM3 of %s does not match its CheckValue" % path)
    base_dir = signature_path.rsplit("/", 1)[0]
    value_path = resolve(base_dir, root.findtext(OFD_NS + "SignedValue"))
    ses = SESSignature.load(package.read(value_path))
    tbs = ses["to_sign"]
    seal = tbs["eseal"]
    seal_loc = signed_info.find(OFD_NS + "Seal")
    if seal_loc is not None:
        esl = package.read(resolve(base_dir, seal_loc.findtext(OFD_NS + "BaseLoc")))
        if esl != seal.dump():
            problems.append("Seal.esl is not the seal inside the signature")
    if tbs["version"].native != 4 or seal["seal_info"]["header"]["version"].native != 4:
        problems.append("not version 4")
    if tbs["data_hash"].native != sm3_bytes(xml_bytes):
        problems.append("dataHash is not the SM3 of %s" % signature_path)
    if tbs["property_info"].native != "/" + signature_path:
        problems.append("propertyInfo %s does not name %s" % (tbs["property_info"].native, signature_path))
    signer = x509.Certificate.load(ses["cert"].native)
    maker = x509.Certificate.load(seal["cert"].native)
    if ses["signature_alg_id"].dotted != SM2_WITH_SM3 or not sm2_verify(signer, ses["signature"].native, tbs.dump()):
        problems.append("the signer's signature over TBS_Sign does not verify")
    if seal["sign_alg_id"].dotted != SM2_WITH_SM3 or not sm2_verify(maker, seal["signed_value"].native, seal["seal_info"].dump()):
        problems.append("the maker's signature over SES_SealInfo does not verify")
    if not sm2_verify(maker, signer["signature_value"].native, signer["tbs_certificate"].dump()):
        problems.append("the signer's certificate was not issued by the seal's maker")
    if ses["cert"].native not in [c.native for c in seal["seal_info"]["property"]["cert_list"]]:
        problems.append("the signer's certificate is not listed in the seal")
    prop = seal["seal_info"]["property"]
    time = tbs["time_info"].native
    if not (prop["valid_start"].native <= time <= prop["valid_end"].native):
        problems.append("signed at %s, outside the seal's validity" % time)
    if trusted_maker is not None and maker.dump() != trusted_maker.dump():
        problems.append("the seal's maker is not the trusted one")
    name = prop["name"].native
    return problems, name, signer.subject.native.get("common_name"), time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("ofd")
    parser.add_argument("--trust")
    parser.add_argument("--expect-invalid", action="store_true")
    args = parser.parse_args()
    trusted = None
    if args.trust:
        data = open(args.trust, "rb").read()
        if pem.detect(data):
            _, _, data = pem.unarmor(data)
        trusted = x509.Certificate.load(data)
    package = zipfile.ZipFile(args.ofd)
    ofd_root = ET.fromstring(package.read("OFD.xml"))
    body = ofd_root.find(OFD_NS + "DocBody")
    signs_loc = body.findtext(OFD_NS + "Signatures")
    if not signs_loc:
        print("no Signatures in OFD.xml")
        return 1 if not args.expect_invalid else 0
    signs_path = resolve("", signs_loc)
    signs = ET.fromstring(package.read(signs_path))
    base = signs_path.rsplit("/", 1)[0]
    all_valid = True
    count = 0
    for signature in signs.findall(OFD_NS + "Signature"):
        count += 1
        path = resolve(base, signature.get("BaseLoc"))
        try:
            result = check_signature(package, path, trusted)
        except Exception as error:  # a structure that does not parse is a finding, not a crash
            result = (["cannot parse: %r" % error], "?", "?", "?")
        if isinstance(result, list):
            result = (result, "?", "?", "?")
        problems, name, signer, time = result
        if problems:
            all_valid = False
            print("INVALID %s (%s): %s" % (path, name, "; ".join(problems)))
        else:
            print("valid   %s: seal %s, signer %s, at %s" % (path, name, signer, time))
    if count == 0:
        print("no Seal signature")
        all_valid = False
    if args.expect_invalid:
        return 0 if not all_valid else 1
    return 0 if all_valid else 1


if __name__ == "__main__":
    sys.exit(main())
