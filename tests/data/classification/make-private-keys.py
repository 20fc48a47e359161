"""Builds private-keys.jsonl from the stored mirrors of three SSH libraries (see PROVENANCE.md)."""
import json, subprocess, re, sys
REPOS = {
    "paramiko/paramiko": "/work/.mirror/paramiko+paramiko/repo",  # git clones of each repository, at the commits in PROVENANCE.md
    "openssh/openssh-portable": "/work/.mirror/openssh+openssh-portable/repo",
    "hierynomus/sshj": "/work/.mirror/hierynomus+sshj/repo",
}
# Source and documentation files that mention private keys, labelled by reading them: True where the file holds a key's
# material (a test's key in a string, a sample in a comment), False where it only names the format (code that reads keys).
CODE = {
    "paramiko/pkey.py": False, "sites/www/changelog.rst": False, "tests/test_pkey.py": True,
    "authfile.c": False, "regress/misc/fuzz-harness/fixed-keys.h": True, "regress/ssh2putty.sh": False,
    "regress/unittests/sshsig/webauthn.html": False, "ssh-keygen.c": False, "sshkey.c": False,
    "src/main/java/com/hierynomus/sshj/userauth/keyprovider/OpenSSHKeyV1KeyFile.java": False,
    "src/main/java/net/schmizz/sshj/userauth/keyprovider/KeyProviderUtil.java": False,
    "src/main/java/net/schmizz/sshj/userauth/keyprovider/PEMKey.java": False,
    "src/main/java/net/schmizz/sshj/userauth/keyprovider/PuTTYKeyFile.java": True,
    "src/test/groovy/com/hierynomus/sshj/common/KeyTypeSpec.groovy": True,
    "src/test/java/com/hierynomus/sshj/userauth/keyprovider/OpenSSHKeyV1SecurityKeyTest.java": False,
    "src/test/java/net/schmizz/sshj/keyprovider/PuTTYKeyFileTest.java": True,
}
MENTION = re.compile(r"PRIVATE KEY|PuTTY-User-Key-File")
out = []
for repo, path in REPOS.items():
    commit = subprocess.check_output(["git", "-C", path, "rev-parse", "HEAD"], text=True).strip()
    files = subprocess.run(["git", "-C", path, "grep", "-lE", "PRIVATE KEY|PuTTY-User-Key-File", commit], text=True, capture_output=True).stdout.split()
    for f in sorted(x.split(":", 1)[1] for x in files):
        text = subprocess.check_output(["git", "-C", path, "show", f"{commit}:{f}"]).decode("utf-8", "replace")
        if f in CODE: holds = CODE[f]
        elif re.search(r"\.(py|c|h|sh|java|groovy|rst|html|md|txt)$", f): sys.exit(f"unlabelled code file {repo} {f}")
        else: holds = True  # a key file: every one opens with a key's header
        edit = "none"
        if len(text) > 32768:  # long source files: the lines around each mention, 40 either side
            lines = text.split("\n"); keep = set()
            for i, l in enumerate(lines):
                if MENTION.search(l): keep.update(range(max(0, i - 40), min(len(lines), i + 41)))
            text = "\n".join(lines[i] for i in sorted(keep)); edit = "the lines within 40 of each mention"
        out.append({"text": text, "kinds": ["PrivateKey"] if holds else [], "not": [] if holds else ["PrivateKey"],
                    "sources": [f"{repo}:{f}@{commit[:12]} ({'holds a private key' if holds else 'names the format only'}; edit: {edit})"]})
with open(sys.argv[1], "w") as w:
    for o in out: w.write(json.dumps(o, ensure_ascii=False) + "\n")
print(len(out), sum(1 for o in out if o["kinds"]), "positives")
