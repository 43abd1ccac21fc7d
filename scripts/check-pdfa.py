#!/usr/bin/env python3
"""Checks a PDF against the requirements of ISO 19005-2 level b (PDF/A-2b) that apply to what
Saraban writes, one by one, with pikepdf — or of ISO 19005-3 level b (PDF/A-3b) when its XMP
says part 3, which adds the rules for embedded source files. docs/pdfa.md lists them with their
clauses.

Usage: check-pdfa.py FILE.pdf...   Prints one line per failed requirement; exit 0 when none.
No validator of PDF/A can be installed here: this states the claim in code, so that it is
checked rather than assumed. It is not a full validator (it does not check font programs'
glyph widths against their dictionaries, for one).
"""
import re, sys
import pikepdf
from pikepdf import Name

def check(path):
    problems = []
    def need(ok, clause, what):
        if not ok:
            problems.append(f"{path}: {clause}: {what}")

    raw = open(path, 'rb').read()
    # 6.1.2 File header: %PDF-1.n, then a comment of at least four bytes above 127.
    need(re.match(rb'%PDF-1\.[0-7]\r?\n%[\x80-\xff]{4}', raw) is not None, '6.1.2', 'header and binary comment line')
    need(raw.rstrip().endswith(b'%%EOF'), '6.1.3', 'the file ends with %%EOF')
    with pikepdf.open(path) as pdf:
        trailer, root = pdf.trailer, pdf.Root
        # 6.1.3 File trailer: an ID; no encryption.
        need('/ID' in trailer and len(trailer.ID) == 2, '6.1.3', 'the trailer has an /ID of two strings')
        need('/Encrypt' not in trailer, '6.1.3', 'not encrypted')
        # 6.6.2 Metadata: an unfiltered XMP stream identifying PDF/A-2 level B.
        meta = root.get('/Metadata')
        need(meta is not None, '6.6.2.1', 'the catalog has /Metadata')
        xmp = ''
        if meta is not None:
            need('/Filter' not in meta, '6.6.2.1', 'the metadata stream is not filtered')
            xmp = meta.read_bytes().decode('utf-8')
            need(('<pdfaid:part>2</pdfaid:part>' in xmp or '<pdfaid:part>3</pdfaid:part>' in xmp)
                 and '<pdfaid:conformance>B</pdfaid:conformance>' in xmp, '6.6.4', 'XMP identifies PDF/A-2 or -3 conformance B')
            need(xmp.startswith('<?xpacket begin="\ufeff"') and xmp.rstrip().endswith('<?xpacket end="w"?>'), '6.6.2.1', 'an XMP packet')
        part3 = '<pdfaid:part>3</pdfaid:part>' in xmp
        # 6.6.3 Document information and XMP agree.
        info = trailer.get('/Info')
        def xmp_value(tag):
            m = re.search(rf'<{tag}>(?:<rdf:(?:Alt|Seq|Bag)>)?(?:<rdf:li[^>]*>)?(.*?)<', xmp)
            return m.group(1).replace('&lt;', '<').replace('&gt;', '>').replace('&amp;', '&') if m else None
        def pdf_date(value):
            m = re.match(r'D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z', str(value))
            return f"{m[1]}-{m[2]}-{m[3]}T{m[4]}:{m[5]}:{m[6]}Z" if m else None
        if info is not None:
            for key, tag in [('/Title', 'dc:title'), ('/Author', 'dc:creator'), ('/Subject', 'dc:description'),
                             ('/Creator', 'xmp:CreatorTool'), ('/Producer', 'pdf:Producer')]:
                if key in info:
                    need(str(info[key]) == xmp_value(tag), '6.6.3', f'{key} equals XMP {tag}')
            for key, tag in [('/CreationDate', 'xmp:CreateDate'), ('/ModDate', 'xmp:ModifyDate')]:
                if key in info:
                    need(pdf_date(info[key]) is not None and pdf_date(info[key]) == xmp_value(tag), '6.6.3', f'{key} equals XMP {tag}')
        # 6.2.3 Output intent: sRGB, an ICC profile with three components.
        intents = root.get('/OutputIntents')
        need(intents is not None and len(intents) >= 1, '6.2.3', 'the catalog has /OutputIntents')
        if intents is not None and len(intents) >= 1:
            intent = intents[0]
            need(intent.get('/S') == Name.GTS_PDFA1, '6.2.3', 'the output intent is GTS_PDFA1')
            profile = intent.get('/DestOutputProfile')
            need(profile is not None and int(profile.get('/N', 0)) == 3, '6.2.3', 'an RGB ICC profile (/N 3)')
            if profile is not None:
                data = profile.read_bytes()
                need(data[36:40] == b'acsp' and data[8] in (2, 4), '6.2.3', 'an ICC profile of version 2 or 4')
        need('/Lang' in root, '6.7 (PDF/A-2 a, asked of b here)', 'the catalog names the language')
        # 6.1.11 / 6.1.13: no JavaScript, no forbidden actions; 6.1.8: no embedded files but PDF/A.
        names = root.get('/Names')
        need(names is None or '/JavaScript' not in names, '6.1.11', 'no JavaScript')
        embedded = names.get('/EmbeddedFiles') if names is not None else None
        need(embedded is None or part3, '6.1.8 (PDF/A-2)', 'no embedded files (PDF/A-3 allows them as associated files)')
        if embedded is not None and part3:
            # ISO 19005-3, 6.8: each embedded file is an associated file of the document, its
            # specification with /F, /UF and /AFRelationship, its stream with a MIME type and date.
            listed = list(embedded.get('/Names', []))
            associated = {spec.objgen for spec in root.get('/AF', [])}
            for spec in listed[1::2]:
                need('/F' in spec and '/UF' in spec, '6.8 (PDF/A-3)', 'an embedded file specification has /F and /UF')
                need(spec.get('/AFRelationship') in (Name.Source, Name.Data, Name.Alternative, Name.Supplement, Name.Unspecified),
                     '6.8 (PDF/A-3)', 'an embedded file says its relationship (/AFRelationship)')
                need(spec.objgen in associated, '6.8 (PDF/A-3)', 'an embedded file is listed in the catalog\'s /AF')
                stream = spec.get('/EF', {}).get('/F')
                need(stream is not None and '/Subtype' in stream, '6.8 (PDF/A-3)', 'an embedded file stream names its MIME type (/Subtype)')
                need(stream is not None and '/ModDate' in stream.get('/Params', {}), '6.8 (PDF/A-3)', 'an embedded file stream has /Params /ModDate')
        need('/AA' not in root, '6.5.1', 'no additional actions on the catalog')

        fonts_seen = set()
        def check_resources(resources, where):
            if resources is None:
                return
            for font in (resources.get('/Font') or {}).values():
                if font.objgen in fonts_seen:
                    continue
                fonts_seen.add(font.objgen)
                fonts = [font] + ([font.DescendantFonts[0]] if '/DescendantFonts' in font else [])
                for f in fonts:
                    descriptor = f.get('/FontDescriptor')
                    if f.get('/Subtype') == Name.Type0:
                        continue
                    need(descriptor is not None and any(k in descriptor for k in ('/FontFile', '/FontFile2', '/FontFile3')),
                         '6.2.11.4', f'font {f.get("/BaseFont")} is embedded')
                    if f.get('/Subtype') == Name.CIDFontType2:
                        need('/CIDToGIDMap' in f, '6.2.11.3.2', f'CID font {f.get("/BaseFont")} has a CIDToGIDMap')
            for name, xobject in (resources.get('/XObject') or {}).items():
                if xobject.get('/Subtype') == Name.Image:
                    need(xobject.get('/Interpolate') is not True, '6.2.8', f'image {name} on {where} does not ask to be interpolated')
                    need('/Alternates' not in xobject and '/OPI' not in xobject, '6.2.8', f'image {name} has no alternates or OPI')
                    need(xobject.get('/Filter') != Name.LZWDecode, '6.1.7', f'image {name} is not LZW')
                elif xobject.get('/Subtype') == Name.Form:
                    need('/OPI' not in xobject and '/PS' not in xobject, '6.2.9', f'form {name} has no OPI or PostScript')
                    check_resources(xobject.get('/Resources'), f'{where} form {name}')
            for name, state in (resources.get('/ExtGState') or {}).items():
                need('/TR' not in state and '/TR2' not in state, '6.2.5', f'graphics state {name} has no transfer function')
                need(state.get('/BM', Name.Normal) in (Name.Normal, Name.Compatible, Name.Multiply, Name.Screen, Name.Overlay,
                     Name.Darken, Name.Lighten, Name.ColorDodge, Name.ColorBurn, Name.HardLight, Name.SoftLight,
                     Name.Difference, Name.Exclusion, Name.Hue, Name.Saturation, Name.Color, Name.Luminosity), '6.2.10', f'blend mode of {name}')

        for number, page in enumerate(pdf.pages, start=1):
            where = f'page {number}'
            need('/MediaBox' in page.obj, '6.1.12', f'{where} has a MediaBox')
            check_resources(page.obj.get('/Resources'), where)
            for annotation in page.obj.get('/Annots') or []:
                subtype = annotation.get('/Subtype')
                flags = int(annotation.get('/F', 0))
                need(flags & 4 and not flags & (1 | 2 | 32), '6.3.2', f'{where}: {subtype} annotation prints and is not hidden')
                rect = [float(v) for v in annotation.get('/Rect', [0, 0, 0, 0])]
                zero = rect[2] - rect[0] == 0 or rect[3] - rect[1] == 0
                need(subtype in (Name.Link, Name.Popup) or zero or '/AP' in annotation, '6.3.3', f'{where}: {subtype} annotation has an appearance')
                # What an annotation shows (a signature's appearance) is held to the page's rules.
                appearance = (annotation.get('/AP') or {}).get('/N')
                if isinstance(appearance, pikepdf.Stream):
                    check_resources(appearance.get('/Resources'), f'{where} {subtype} appearance')
                action = annotation.get('/A')
                need(action is None or action.get('/S') in (Name.URI, Name.GoTo, Name.GoToR, Name.Named), '6.5.1', f'{where}: allowed action')
        # 6.1.7 No LZW anywhere; 6.1.10 no stream refers to external files.
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                need(obj.get('/Filter') != Name.LZWDecode, '6.1.7', 'no LZW streams')
                need('/F' not in obj, '6.1.7', 'no external stream data')
    return problems

failed = []
for path in sys.argv[1:]:
    failed += check(path)
for line in failed:
    print(line)
sys.exit(1 if failed else 0)
