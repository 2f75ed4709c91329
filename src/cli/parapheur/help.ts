/** `parapheur --help`: every option and the exit codes (kept in sync with docs/pades.md). */
export const HELP = `parapheur — PAdES signing and verification (ETSI.CAdES.detached, B-B / B-T)

Usage:
  parapheur sign --in IN.pdf --out OUT.pdf (--p12 KEY.p12 | --key KEY.pem --cert CERT.pem [--chain CHAIN.pem])
                 [--password-env VAR] [--level B-B|B-T] [--tsa URL]... [--field NAME]
                 [--visible PAGE,X,Y,W,H | --tag TEXT | --auto-stamp] [--image SIG.png]
                 [--name NAME] [--title TITLE] [--on-behalf-of NAME] [--reason TEXT] [--location TEXT]
  parapheur verify FILE.pdf --trust ROOT.pem [--trust MORE.pem]... [--json]
  parapheur --help

sign options:
  --in, --out          input PDF and output PDF (the output is the input plus one incremental update)
  --p12 FILE           PKCS#12 key and certificate chain (RSA or EC)
  --key, --cert        PEM private key and PEM signer certificate (instead of --p12)
  --chain FILE         PEM issuer certificates to embed (with --key/--cert)
  --password-env VAR   name of the environment variable holding the PKCS#12 or key password
  --level B-B|B-T      PAdES baseline level (default B-B); B-T needs at least one --tsa
  --tsa URL            RFC 3161 time-stamping authority, repeatable, tried in order
  --field NAME         fill this existing empty signature field, or create a field with this name
  --visible P,X,Y,W,H  visible stamp on page P (1-based; last page: --visible=-1,X,Y,W,H) at X,Y
                       (points from the bottom-left of the page as displayed), size W×H
  --tag TEXT           visible stamp placed on the text TEXT found in the document (e.g. #signature#)
  --auto-stamp         visible stamp in the first free slot at the bottom of the last page
  --image FILE         PNG handwritten signature drawn in the stamp (needs a visible stamp)
  --name NAME          signer name (/Name and stamp; default: the certificate common name)
  --title TITLE        title or desk printed in the stamp (e.g. Maire)
  --on-behalf-of NAME  printed "en l'absence de NAME" in the stamp
  --reason, --location /Reason and /Location of the signature

verify options:
  --trust FILE         trust anchor (PEM or DER certificate, a PEM file may hold several), repeatable
  --json               print the full report as JSON instead of a summary

Exit status:
  0  signed; or every signature valid, trusted, with only allowed changes after it
  1  verify: a signature is invalid or untrusted, a later revision made disallowed changes, or no signature
  2  usage error (unknown or missing option, conflicting options)
  3  input refused by the engine (encrypted, certified, damaged, field not found…): the error code is printed
  4  B-T asked but no time-stamping authority answered with a valid token (nothing written)
  5  any other error (file not found, wrong password, unreadable key)
`;
