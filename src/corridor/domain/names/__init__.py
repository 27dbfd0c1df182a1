"""Names across scripts and conventions, as small pure steps shared by screening and identity
resolution: detect the script, romanise, tokenise, fold spelling variants, compare."""
