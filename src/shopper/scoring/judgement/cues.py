"""The structural reading's vocabulary: objects, moves, recipients and frames, per language.

Not a phrase list of requests: each pattern names one *role* in a clause, and
:mod:`shopper.scoring.judgement.structure` decides by how the roles combine (a secret object ×
a disclosure move × a recipient that is us, a call, a form or an outside address, not turned
round by a negation, a warning or a self-service destination). Patterns run on normalised text
(lower case, width folded). Kept apart from :mod:`shopper.scoring.lexicon`, the older rules,
so the benchmark can compare the two readings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@dataclass(frozen=True)
class Cues:
    """The compiled roles of one language."""

    secrets: tuple[tuple[str, re.Pattern[str]], ...]  # (kind, object)
    managed: re.Pattern[str]  # a secret the customer manages, not hands over: reset your password
    ours: re.Pattern[str]  # a move the desk makes, not the customer: "the code we send by SMS"
    disclose: re.Pattern[str]  # give, tell, send, read out, forward, attach, reply with, what is…
    enter: re.Pattern[str]  # enter, type, fill in, paste: a request only towards a bad recipient
    need: re.Pattern[str]  # we need, is enough, required
    to_us: re.Pattern[str]  # us, me, here, this chat, our officer, a call, a form, an address
    to_me: re.Pattern[str]  # the speaker: me, us (what a warning frame cannot excuse)
    please_if: re.Pattern[str]  # polite requests shaped as conditions: 送っていただければ, 보내 주시면
    except_me: re.Pattern[str]  # "anyone except me", 除了官方客服以外
    self_side: re.Pattern[str]  # the official app, the login page, yourself, only you
    negation: re.Pattern[str]
    negation_ignore: re.Pattern[str]
    warning: re.Pattern[str]  # scam, fake, anyone who asks, report it
    conditional: re.Pattern[str]  # if / when clauses set a condition, they do not ask
    anaphor: re.Pattern[str]  # it, them, those: the object of the clause before
    funds_value: re.Pattern[str]
    funds_move: re.Pattern[str]
    funds_target: re.Pattern[str]  # safe / verification wallet, this address, unlock fee
    funds_self: re.Pattern[str]  # the customer's own wallet: moving funds there is theirs to do
    funds_strong: re.Pattern[str]  # a "safe" / "verification" wallet: a scam move by its name alone
    remote_app: re.Pattern[str]  # generic remote-access words (named apps are in channels)
    remote_move: re.Pattern[str]  # install, download, open, share your screen
    funds_done: re.Pattern[str]  # a move reported done: "your deposit … was credited"
    funds_choice: re.Pattern[str]  # the customer's own choice: "if you want to move assets to cold storage"
    benign: re.Pattern[str]  # codes that open nothing: an error code, a ticket number
    gift_card: re.Pattern[str]  # a gift or prepaid card: its codes pay someone, they open no account
    card_code: re.Pattern[str]  # the code, number or PIN on such a card
    new_wallet: re.Pattern[str]  # "the new wallet('s address)": the customer's own once they made it
    owned: re.Pattern[str]  # "the address belongs to your account only": a deposit to it is theirs

    def unnamed(self, text: str) -> str:
        """``text`` without the secrets it only manages ("reset your password") and the codes
        that open nothing ("the error code on the screen", "the 6-digit case number")."""
        return self.benign.sub(" ", self.managed.sub(" ", text))


_EN = Cues(
    secrets=(
        ("seed", _c(
            r"seed|recovery (phrase|words?|sheet|card|key)|secret (recovery )?phrase|backup (phrase|words?|sheet|card)|"
            r"mnemonic|\b(12|18|24|twelve|eighteen|twenty[- ]four)[- ]?words?\b|word (phrase|list)|"
            r"\bwords? (#|no\.? ?|number )?\d+\b|\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
            r"tenth|eleventh|twelfth|last) word\b|\bthe words (you|that)\b|\bwallet (phrase|words)\b|"
            r"\bwords? (of|from) (your|the) (phrase|wallet|backup)|\b(your|the) (phrase|words) (in order|you wrote)|"
            r"\b(secret|wallet|backup|recovery|seed|private|special|magic|restore|restoration) (words?|phrase|sentence|list)\b|\byour phrase\b|"
            r"\bwallet backup\b|\b(whole|entire|full) backup\b|\bbackup (text|content)s?\b|\b(first|last|middle) (two|three|four|five|six|\d+) words\b(?! of (your|the|my|this) (message|question|reply|e-?mail|text|sentence))|"
            r"\b(all the|all|those|the) (\d+ )?words\b(?! (you see|on (the|this|your) (screen|page|error)|in (the|this) (error|message|subject)))|"
            r"\b(sequence|set|series|string|list|order) of (\w+ )?words\b|\bone of (your|the) (\w+ )?words\b|\bwords (that|which) (came|come) with\b|"
            r"\bthe (phrase|words) (you|that|which) (use|used|got|saved|keep|kept|have)|\b(your|the) backup\b(?! (code|email|phone|method|codes|key))"
        )),
        ("private_key", _c(
            r"private[ _]?keys?|\bexport\w* (the |your )?(\w+ )?keys?\b|secret keys?|keystore|wallet keys?|key ?file|\bjson file|wallet file|\bwallet\.dat|"
            r"\bexport(ed)? key|\bkey export\b|\bbackup files?\b|\b(me|us) (the|your) key\b|\bapi (secret|keys?)\b(?! (page|settings|management|docs?|documentation))|\b(the )?key and (the )?secret\b"
        )),
        ("password", _c(
            r"passwords?|passcode|\bpin( code| number)?\b|passphrase|login (details|credentials)|credentials|"
            r"\byour (login|sign-in)\b(?! (page|screen|history|attempts?|issues?|problems?|link|e-?mail|alerts?|code|notification))|"
            r"\bsecurity (questions?|answers?)\b|\banswers? to (your |the )?(security|secret) questions?"
        )),
        ("session_token", _c(
            r"\bcookies?\b|\b\w+_(session|token|sid)\b|\b(session|access|auth|bearer|refresh|login|id) ?(tokens?|cookies?|ids?|keys?)\b|\bsession (value|data|string|storage)\b|"
            r"\bhar (file|export|capture|log)s?\b|\.har\b|\b(export|record|save)\w* (a |the )?har\b|document\.cookie|\blocal ?storage\b|\bjwt\b|\beyj\w*|\btoken (that )?(starts?|begins?|beginning|starting) with\b|\byour session\b"
        )),
        ("carrier_code", _c(
            r"\b(port[- ]?out|porting|number[- ]transfer|transfer|sim[- ]swap|carrier|account) (pin|code|passcode|password|number)s?\b|\besim\b.{0,30}\b(qr|activation|code|profile)|\bsim pin\b|\bpuk\b"
        )),
        ("two_factor", _c(
            r"\b2fa\b|two[- ]factor|authenticator|\botp\b|one[- ]time (code|password|pin)|"
            r"(sms|text|verification|security|auth|login|email|confirmation|sign[- ]in|access|reset) (codes?|digits|numbers?|pin)\b|"
            r"\b\d[- ]digit\b(?! (id|session|number id))|\b(six|four|eight)[- ]digit\b|\bthe digits\b(?! of)|"
            r"\bcodes? (we|i|you) (just )?(sent|texted|got|received|emailed)|\bcodes? (you|that) (just )?(got|received|see)|"
            r"\b(the|that|this) code (by|via|in|from|on) (sms|text|email|your phone)|\bnumbers? (your|the) (app|authenticator)"
            r"|\b(new )?(login|sign-in) (request|confirmation|approval|prompt)\b|\bpasskey prompt\b|\bapprove (the |my |this )?(login|sign-in)\b|\b(it|this) (login|logs in|connects me)\b|\bqr\b(?=.{0,60}\b(connects? me|logs? (me|us|our)|login our|sign (me|us) in))"
            r"|\b(sms|text message) (we|i) (just )?sent|\b(the|that|this) verification\b(?! (page|process|step|steps|team|link|e-?mail|status|request|documents?|level))|\b(2fa |authenticator )?backup key\b|\bgoogle auth\b|\bauth app|"
            r"\bnumbers? (from|in|on|shown in|showing in) (your |the )?(google|auth|authenticator|app|sms|text|phone)|\b(the|your|that|this) (code|digits)\b|"
            r"(?<!promo )(?<!referral )(?<!error )(?<!qr )(?<!country )(?<!zip )(?<!post )(?<!invite )(?<!discount )(?<!tag )(?<!memo )(?<!swift )(?<!bank )(?<!source )(?<!status )(?<!ticket )(?<!case )\bcodes?\b|"
            r"\b(six|four|eight|\d)[- ]?(numbers|digits)\b(?! of (the|your) (\w+ )?(address|card|phone|account|id|number|uid))|"
            r"\b\d+[- ](digit|character|char|letter)s?\b(?! (id|session|address|uid))|"
            r"\b(the|your|that|this) (?!([\w-]+ )?(promo|referral|invite|discount|error|country|qr|memo|zip|post|tag|bank|swift) code)"
            r"([\w-]+ ){0,2}code\b|\bnumbers? (that|which|you) (just )?(arrived|came|got|received|see)|"
            r"\b(whatever|what) (\w+ ){0,2}(arrived|came in|came|you (just )?(got|received))\b.{0,30}\b(by|via|in|over) (text|sms|e-?mail|your phone)\b"
        )),
    ),
    managed=_c(
        r"\b(chang|reset|updat|enabl|disabl|turn(ed|ing)? (on|off)|set(ting)? up|lost|los(e|ing)|forg[eo]t|bind|unbind|"
        r"creat|generat|back(ed|ing)? up|stor|keep|protect|secur|rotat|strengthen|activat|deactivat|remov|bound)\w* "
        r"(your |the |a |new |its |their )?(\w+ )?(password|2fa|two-factor|authenticator|seed phrase|recovery phrase|pin)\b|"
        r"\b(password|2fa|two-factor|authenticator|otp) (reset|change|recovery|removal|settings|device|request|status|"
        r"requirements?|must|should|has been|was|is (now )?(enabled|disabled|active|reset))\b|"
        r"\b(hide|hidden|cover|blur|mask|redact|crop out|black out)\w*\b[^.;]{0,60}|"
        r"\b(any |all |the |your )?(codes?|numbers?|keys?|passwords?|balances?|digits)( (or|and) \w+)? (hidden|blurred|masked|covered|redacted|cropped out|blacked out)\b|"
        r"\b(log|sign)\w* out (of )?(all |every |other |any )?(\w+ )?(sessions?|devices?)\b|\b(revoke|end|terminate)\w* (all |every |other |any )?(\w+ )?sessions?\b|"
        r"\b(clear|delete|block|allow|accept|enable|disable|remove)\w* (your |the |all |browser |site )*(cache( and| or|,) )?cookies\b|"
        r"\b(put|add|place|set)\w* (a|an) ([\w-]+ ){0,2}(pin|password|passcode|lock)\b"
    ),
    ours=_c(r"\b(we|i|harbor|the system|our system|the app)('ll| will| just| have| had| may| can)? (send|sent|texted|text|emailed|email|provide|provided|display|show)s?\b|\b(sent|texted|emailed) (to|by) (you|us)\b|\b(we|i)('ll| will)? (give|hand|send) (it|them|\w+) back\b"),
    disclose=_c(
        r"\b(send|provide|share|giv|give|tell(?! (?!(me|us|him|her|them|our)\b)(\w+ ){0,3}(from|apart)\b)(?! (if|whether|the difference)\b)|reveal|disclose|forward|submit|dm|pm|upload|hand over|attach|furnish|supply|divulge|surrender|"
        r"paste|dictate|spell|read|recite|repeat|post|drop|reply|replie|respond)(s|es|ing|ed|d)?\b|\b(tap|press|click|hit) \W?approve\b|\blet (me|us|him|her|them|the \w+) (hear|have)\b|\banswer\w* (\w+ ){0,3}with (your|the)\b|"
        r"\be-?mail(ing)? (it|them|us|me|the|your)\b|\b(pass|hand|send|copy|relay)(es|ed|ing)? (it|them|that|this|those|these|the \w+) (along|on|over|back|across)\b|\brelay\b|\b("
        r"let (me|us) (know|have|see)|mention|include)\b|\blist (the|your|them|it|all|those)\b|"
        r"\b(can|could|would|will) you (please |kindly |quickly )?(confirm|verify|check|type|enter|write)\b|"
        r"\b(does|is|do) (your|the) .{0,30}\b(start|begin|end)s? with\b|\bjust (reply|answer|say) (yes|no)\b|"
        r"\bwhat('s| is| are| does| do)\b|\bwhat (\w+ ){1,3}(does|do|is|are|did)\b|\bwhich (words?|code|number)\b|\bis (the|your) .{0,30}\bword\b|\bsay (me|us|it|them|the)\b|\bspeak (it|them)\b"
    ),
    enter=_c(
        r"\b(enter|type|input|fill( in| out)?|key in|put|import|sync(?! (the |your )?(time|clock|date))|restore|confirm|verify|validate|check|write|text|show)\b|\bcomplete\b|\bfill\b|"
        r"\b(sign|log|connect|unlock|authori[sz]e|verify)( ?in| ?on)? (\w+ )?with (your|the)\b"
    ),
    need=_c(r"(?<!you )(?<!you'll )(?<!you will )(?<!you may )\b(need|needs|require|requires|required|needed|necessary|enough|suffice)\b"),
    to_us=_c(
        r"\b(to|with|for) (me|us|our (team|officer|agent|specialist|engineer|staff|department|auditor))\b|"
        r"\b(send|give|tell|dm|forward|show|email|text|read) (me|us|it to|them to)\b|\bhere\b|\bbelow\b|"
        r"\b(this|the|our|my) (chat|form|ticket|thread|conversation|call|line)\b|\bon (the|a) call\b|\bover the phone\b|"
        r"\b(officer|agent|specialist|engineer|auditor|team)\b|\bform\b|\bsync(?!\w* (the |your )?(time|clock|date))|\bvalidat|\bportal\b|"
        r"[a-z0-9._-]+@[a-z0-9-]+\.[a-z]|https?://|\b[a-z0-9-]+\.(com|io|net|org|xyz|app|site|online)\b|"
        r"\breply\b|\bin (your|the) (reply|answer|response)\b|\bour side\b|\bour end\b|\bthat('s| is| will be| was) (me|us|our \w+)\b|\bin (the right )?order\b|\bone by one\b|\bseparated by spaces\b|\bword by word\b|\b(into|in) it\b|\bnext message\b"
    ),
    to_me=_c(r"\b(to|with|for) (me|us)\b|\b(send|give|tell|dm|forward|show|email|text|read) (me|us)\b"),
    please_if=_c(r"^(if|when) you (can |could )?(send|give|tell|forward|share|dm|read)\b[^,]* (me|us)\b"),
    except_me=_c(r"\b(except|other than|apart from|besides|but)\b[^.]{0,40}\b(me|us|agent|support|staff|official)\b"),
    self_side=_c(
        r"\b(official )?(app|application)\b|\blogin page|\b(logging|signing) in (from|on)\b|\bat (login|sign-in)\b|\bsign-in page|\bwhen prompted|\bprompts you|\byourself\b|"
        r"\byour own\b|\bon your (phone|device)|\bnew (phone|device)|\bonly you\b|\bsafe place|\boffline\b|\bpaper\b|\b(withdrawal|login|sign-in|security|settings|account|deposit) (page|screen|tab)\b|\bwrite (it |them )?down\b|\bkeep (it|them)\b|\bstore (it|them)\b"
    ),
    negation=_c(r"\b(never|not|no|nobody|no one|none|neither|nor|cannot|without|avoid|refuse|instead of)\b|n't\b|"
                 r"\b(dont|doesnt|didnt|cant|wont|isnt|arent|wasnt|werent|shouldnt|neednt|mustnt)\b"),
    negation_ignore=_c(
        r"\b(don't|do not|never) (worry|hesitate)\b|\bno (problem|worries|rush)\b|\bnot (sure|only|yet)\b|"
        r"\bwithout (the |your |a |any )?(phone|device|mobile|app|access|waiting|delay|fees?|charge)\b|"
        r"\bif (you )?(can't|cannot|don't|do not|did not|didn't|haven't|have not)\b[^,]*|"
        r"\bso (that )?(you|it) (don't|do not|won't|will not|doesn't|does not) \w+( \w+)?$|"
        r"\bno (fees?|charges?|costs?|commission)\b|\bno longer\b|\bwon't take long\b|\bnot be able to (help|proceed|continue)\b|\bwithout (delay|it|them)\b|\byes or no\b|\byes/no\b"
    ),
    warning=_c(
        r"scam|fraud|phishing|impersonat|\bfake\b|\b(anyone|someone|somebody|people|whoever|anybody) "
        r"(\w+ ){0,4}(ask|asks|asking|request|requests|claims?|claiming)\b|\bclaiming to be\b|\breport (it|them|this)\b|"
        r"\bstrangers?\b|\bnot (ours|us|official|affiliated)\b|\bnot our\b|\bsteal|\bthieves|\bcriminal|\battackers?\b|\bhackers?\b|"
        r"\byou (mention|mentioned|said|told us|reported)\b|\bthe (message|person|account|page|site|website|caller|app) (that )?(asked|asking|asks|told|tells|telling|instructed)|\b(someone|anyone|somebody|anybody|they|he|she) (\w+ ){0,2}(told|tells|telling|instructed|wanted|wants) you\b|\b(wasn't|isn't|was not|is not|weren't|aren't|were not|are not) (us|ours|from us)\b|\bdisregard\b|\bignore (any|all|such)\b|\bany request\b"
    ),
    conditional=_c(r"^(if|when|whenever|should|once|after) "),
    anaphor=_c(r"\b(it|them|those|these|that|they)\b|\bthe (missing|required) (field|information|item)s?\b"),
    funds_value=_c(
        r"\b(gift ?cards?|steam|google play|apple cards?|itunes|razer gold)\b|"
        r"\b(funds|coins|assets|crypto|balance|tokens|btc|eth|usdt|usdc|bitcoin|money|fee|deposit|payment|holdings|"
        r"everything|savings|tax|margin|amount|transfer|transaction|allowance|collateral|top-?up|cash|notes)\b|"
        r"(?<=send )all\b|(?<=move )all\b|(?<=transfer )all\b"
    ),
    funds_move=_c(
        r"\b(transfer|move|send|deposit|pay|top up|migrate|sweep|bridge|stake|lock|put|shift|relocate|park|convert|approve|remit|settle|return|insert|feed)"
        r"(s|ed|ing|d)?\b|\b(send|pay|give|transfer) (it |them |the (excess|extra|difference) )?back\b|\bbuy (usdt |it |crypto )?from\b|\bbank transfer\b|\bsend (him|her|them)\b|\b(buy|purchase)\b|"
        r"\b(paid|sent|moved)\b|\bwithdraw\b|\brequired\b"
    ),
    funds_self=_c(
        r"\byour own( [\w-]+){0,2} (wallet|address|account)('s address)?\b|"
        r"\b(your own|you own|your (external|personal|other|usual)|own wallet|your wallet|your harbor (wallet|account))\b|"
        r"\byour (deposit |withdrawal |receiving )?address\b|\bthe deposit address (shown|in|on) |"
        r"\b(wallet|address) (that )?(only )?you (control|own|created|hold|generated)\b|\bcreate (a |one )?(fresh |new )wallet\b|"
        r"\byour new wallet('s address)?\b|\bunder your (sole |own )?control\b|\b(made|created|generated) by you\b|\bgenerate (a |one )?new wallet\b|"
        r"\b(make|create|set up|open)\w* (a |one )?(fresh |new )wallet\b|\byourself\b"
    ),
    funds_strong=_c(
        r"\b(safe|secure|secured|protected|verification|validation|escrow|insured|quarantine|holding|(?<!self-)(?<!self )custody) "
        r"(wallet|address|vault)|\b(our|this|the|a|my) (safe|custody|quarantine) (account|uid)\b|\b(safe|custody|escrow|quarantine|holding) uid\b"
    ),
    funds_target=_c(
        r"(safe|secure|secured|new|protected|verification|validation|cold|backup|following|this|escrow|holding|"
        r"temporary|audit|insured|quarantine|segregated|vault|clearing|settlement|reconciliation) (wallet|address|account|acct|vault)|"
        r"\b(bitcoin|btc|crypto|cryptocurrency|coin) (atm|kiosk|machine)s?\b|"
        r"\b(to|into|onto|towards|in) (this|the|that|our|a|an|following|below) (?!(\w+ )?e-?mail)([\w-]+ ){0,3}"
        r"(wallet|address|contract|vault|storage|pool)\b(?! (app|application|settings?)\b)|"
        r"\b(address|wallet|contract) (we|i) (share|shared|gave|give|provide|provided|listed|sent|send)|"
        r"\bapprov(e|ing) (the|a|our|this) ([\w-]+ ){0,2}contract|\blisted (on|in|below)|"
        r"\bunlock|\brelease|\bactivat|\bunfreez|\bwhitelist|\bbc1[a-z0-9]{8,}|\b0x[0-9a-f]{8,}|\bt[1-9a-z]{33}\b|"
        r"\bto (unlock|release|verify|activate|reactivate|lift)|\bbefore (we|it) can (release|process|unlock)|\b(new|upgrade|migration|v2|swap) (contract|wallet|address)\b|\bcontract\b|\b(get|receive|obtain) the (\w+ )?address\b|\b(refunded|returned|comes back|sent back|credit (it|them) back)\b|\bmatching (deposit|amount|transfer|payment)\b|(0x[0-9a-f]{3,}|bc1[0-9a-z]{3,}|t[1-9a-z]{3,})\s?(…|\.\.\.)\s?[0-9a-z]{2,}|\b(this|that|the|our) (adress|addr)\b|\b(sub-?account|escrow uid|merchant|p2p merchant|otc (desk|merchant))\b|\buid:? ?\d{6,}|\brecovery (fee|wallet|deposit)\b|\bbank account below\b|\bupfront\b|\b(send|reply with|provide) (me |us )?the (card |redemption )?(codes|numbers)\b|\bcodes on the back\b|\b(card|redemption) (codes|numbers)\b|\b(credit|risk|reputation|trust|account) (score|points?)\b|\bscore\b|\b(it|this|that|the withdrawal|your withdrawal|the payout)('ll| will) (go through|be released|be approved|clear)\b|\bclear (your|the) (payout|withdrawal|funds)\b|\bbefore you can (cash out|withdraw)\b|\bso (we|the [\w ]{1,20}) can (release|clear|approve|process)\b|\b(the )?same amount\b|\bto reverse\b|\b(interim|transit|designated|holding) (wallet|address|account)\b|\b(emergency|collateral|margin) (wallet|address|account)\b"
    ),
    remote_app=_c(
        r"remote[- ](access|desktop|control|support|assistance) (app|tool|software|program|session)|screen[- ]shar|"
        r"share (your|the) screen|remote session|remote[- ]access|screen ?control|support app from|\bshare (a |your |the )?(whole |entire |full |desktop )?screen\b|\bscreen ?share|\bpresent (your |the )?screen\b|\baccess to (the|your) (desktop|computer|pc|laptop|phone|device|screen)\b|\b(support|remote|control) tool\b|"
        r"\b(control|take over|takeover) (of )?(your|the) (screen|computer|pc|laptop|device|phone|mouse|desktop)\b|"
        r"\b(connect|log|remote) (in)?to your (computer|pc|laptop|device|phone|desktop|machine)\b|"
        r"\baccessibility (permissions?|access|services?|settings)\b|\b\w+\.(exe|apk|dmg|msi)\b|\bapk\b|"
        r"\b(support|helper|assist|assistance) (app|application|software|program|client)\b|"
        r"\b(browser |chrome |helper |our )?(extension|add-on|addon|plug-?in)s?\b|"
        r"\bquick assist\b|\bwin(dows)? ?\+ ?ctrl ?\+ ?q\b|\bremotedesktop\.google\.com|\bremote (support|assistance) (feature|function)\b|\bgive support\b|\bfull control\b|"
        r"\b(give|allow|grant|request|requests|accept)( me| us)? (remote |screen |full )?control\b|\bcontrol (to|of) (me|us|your)\b|\bremote control\b|"
        r"\b(secure |configuration |device )profile\b|\bpatched build\b|\b(lets?|let) me see (your|what)\b|\bsee your screen\b|"
        r"\bremote (link|app|application)\b|\b(app|link|tool) for remote\b|\blet me drive\b"
    ),
    remote_move=_c(r"\b(install|download|open|run|start|launch|enable|turn on|switch on|share|get|use|allow|accept|grant|connect|id|session|give|let|hand|add|pin|click|tap|join|press|enter)\b|\bcode\b|→"),
    funds_done=_c(r"\b(last|latest|most recent|previous|first) (deposit|withdrawal|transfer|transaction|payment)s?\b(?! (your|the|all|it|them|everything|my|our|this|that|\d))|\b(was|were|has been|have been|had been|got|is now|are now) (credited|received|confirmed|processed|completed|reflected|settled|arrived|returned|refunded)\b|\b(\d+ )?(block |network )?confirmations?\b|\b(show|shows|showed) up\b|\b(arrived|landed) (in|at|on)\b"),
    funds_choice=_c(r"^(if|when|whenever) you (want|wish|would like|prefer|decide|choose|plan)\b|\bif you'd like\b"),
    benign=_c(r"\b(gift ?cards?|steam|google play|apple) (cards? )?(codes?|numbers?|pins?)\b|\b(redemption|voucher|recharge) (codes?|numbers?|pins?)\b|\bcard (codes?|numbers?)\b|\bcodes? on the back\b|\b(photo|picture) of (the )?codes?\b|\bcards\W{0,6}send codes\b|(\b\d+[- ](digit|character|char|letter)s? )?\b(error|reference|ref|ticket|case|order|tracking|promo|referral|invite|invitation|discount|coupon|voucher|memo|destination tag|tag|bank|swift|sort|zip|postal|post|country|area|status|reason|product|request|complaint|booking|shipment)[- ](codes?|numbers?|no\.?|ids?)\b|\blast \d+ (digits|numbers) of\b"),
    gift_card=_c(r"\b(gift ?cards?|steam( wallet)? cards?|google play( cards?)?|itunes|apple (gift )?cards?|razer gold|vanilla (cards?|visa)|amazon (gift )?cards?|prepaid cards?|paysafecard)\b"),
    card_code=_c(r"\b(codes?|numbers?|pins?|scratch\w*)\b"),
    new_wallet=_c(r"\b(the |your |that |this )?new wallet('s)?( own)?( address)?\b|\bnew address\b"),
    owned=_c(r"\b(it|this|that|the address|this address|the deposit address) (belongs|is linked|is unique|is assigned) to (your|you)\b|\bbelongs to your account\b|\b(stays?|remains?|is kept|are kept|is held|are held) (safely )?in your (own )?account\b"),
)

_ZH = Cues(
    secrets=(
        ("seed", _c(
            r"助记词|助記詞|恢复短语|恢復短語|种子|备份短语|恢复词|钱包短语|(12|24|十二|二十四)个(英文)?(单词|词)|"
            r"第\s?[0-9一二三四五六七八九十]+\s?个(单)?词|英文(单)?词|(恢复|备份|钱包|秘密)(的)?(词|句子|短语)|[那一这]串(英文)?(单)?词|词组|那?(几|些)个(英文)?单词|抄(写)?下来的|备份的(单词|词)|单词"
        )),
        ("private_key", _c(r"备份文件|备份内容|整段备份|私钥|私鑰|密钥|keystore|钱包文件|json\s?文件|导出的?密?钥|导出.{0,6}钥|api\s?(key|密钥|秘钥)")),
        ("password", _c(r"密码|密碼|口令|pin\s?码|登录凭证|账号和密码|密保|安全问题(的)?答案|问题答案")),
        ("session_token", _c(
            r"cookie|(访问|登录|会话|认证|身份)令牌|令牌|(登录|浏览器)会话|会话(令牌|cookie|信息|id|值)|(?<![a-z])har(?![a-z])|document\.cookie|local\s?storage|[\w_]+_(session|token)|eyj|开头的?(那|这)?(串|个)\s?token|(access|auth|session)\s?token"
        )),
        ("carrier_code", _c(
            r"携号转网|转网(授权)?码|授权码|服务密码|esim.{0,10}(二维码|激活码|码)|激活二维码|puk"
        )),
        ("two_factor", _c(
            r"(登录验证|验证码|验证)\W?(那封|的)?(邮件|短信)|验证(数字|号码)|确认码|(里面|里|中)的码|个码|(短信|邮件)(里|中)?的?码|验证码|驗證碼|谷歌验证|google验证|二次验证|双重验证|2fa|otp|动态码|安全码|校验码|"
            r"[六6]位(数字|数|码)|短信(里|中)?的?(数字|号码|码)|(里面|里头|上面)的?(那|这)?(串|几个|个)?(数字|号码|码)|(那|这)(串|几个|几位)数字|(?<!地址)(?<!订单)串数字|验证器(上|里)?(显示)?的?(数字|号码)|身份验证器|authenticator"
        )),
    ),
    managed=_c(
        r"(修改|重置|找回|忘记|设置|开启|关闭|绑定|解绑|启用|更换|备份|保管|妥善保存)(您的|你的)?(登录|资金)?(密码|谷歌验证|验证器|2fa|助记词|二次验证)|"
        r"(需要|要求|进行|通过|完成|开启|启用|打开|关闭)(二次验证|双重验证|两步验证|谷歌验证|2fa)(?!码)|"
        r"(密码|谷歌验证|2fa|二次验证)(重置|修改|找回|解绑|已|设置)|遮住.{0,20}|遮挡.{0,20}|打码.{0,20}|隐藏.{0,20}|"
        r"(修改|重置|更换|设置)(您的|你的)?.{0,4}(密码|锁)|(退出|注销|登出)(所有|全部|其他)?(设备|登录)?(的)?会话"
    ),
    ours=_c(r"(我们|系统|平台|官方)(刚)?(发送|发|发给您|下发)的?|我们会.{0,10}(发送|发)|向您.{0,8}(发送|发)|系统会.{0,8}(发送|发)|(发送|发)(到|至|给)(您|你)|只会(发送|发)|重新(发送|获取)|重发|^(我|我们|我这边)(这边)?(已经|已|刚刚?)|(您|你)(会|将)收到"),
    disclose=_c(
        r"提供|发给|发送|发过来|发来|发我|告诉|报给|报一下|报出|告知|回复|私信|提交给|提交到|拍照|截图|念给|念一下|读给|读一下|朗读|念出|读出|说一下|说出|"
        r"给我|给我们|是多少|多少[?？]|是什么|是哪|发一下|发下|发出来|发个|报个|说下|给一下|索要|转发|附上|上传|邮件发|发到|发至|是不是|发(你|您)|请发|发这|贴过来|贴给|说我|说给|列出|发.{0,8}到|报我"
    ),
    enter=_c(r"提交|输入|填写|填入|粘贴|导入|同步|录入|填到|核对|对一下|确认(?!码)|(?<!两步)(?<!二步)(?<!二次)(?<!双重)(?<!身份)验证(?!码|器)|打在|打到|打进|发在|贴在|写在|写到|填进|输进|输入到|输入进"),
    need=_c(r"需要(?!\s?(最多|大约|约|大概|至少)?\s?\d+\s?(分钟|小时|秒|天|个?工作日))|就够|即可|就可以|就行|必须"),
    to_us=_c(
        r"给我|发我|告诉我|给客服|我们|我这|这里|此处|对话框|聊天|下方|专员|工作人员|客服|电话|通话|表单|表格|同步|"
        r"网站|链接|邮箱(?!验证|的?验证码|里的|中的|收到)|[a-z0-9._-]+@[a-z0-9-]+\.[a-z]|https?://|\b[a-z0-9-]+\.(com|io|net|org|xyz|app|site)\b|后台|用空格隔开|对话|组件|窗口|输入框|下一条消息"
    ),
    to_me=_c(r"给我|发我|告诉我|报给我|我这|给客服|私信给我|给我们"),
    please_if=_c(r"x^"),
    except_me=_c(r"除了?.{0,8}(以外|之外)|除了.{0,10}(我|我们|官方|客服|本平台)"),
    self_side=_c(r"(新设备|新設備|新手机)?登录(时|需要|要)|提现(时|前)|(官方)?app|应用|登录页|登录界面|自己|自行|本人|新手机|设备上|离线|纸上|只有您|(提币|提现|登录|安全|设置|账户|充值)(页面|界面|页)|抄下|写下|保管|保存"),
    negation=_c(r"不|勿|(?<![识区类级特个分告性差])别|禁止|无需|没有|绝非|从未|切勿|千万别|无法"),
    negation_ignore=_c(
        r"不收(取)?(任何)?(手续)?费|不扣(手续)?费|不好意思|不便|不同|不断|不少|不仅|不错|不用担心|不要担心|别担心|不客气|没问题|不久|如果无法|若无法|无法登录|不了解|"
        r"是不是|对不对|不到账|不能提现|不上|有没有|能不能|会不会|好不好"
    ),
    warning=_c(r"骗子|诈骗|冒充|假冒|仿冒|钓鱼|自称|举报|非官方|谨防|不是.{0,6}官方|盗取|盗号|有人.{0,12}(索要|要您|问您|让您)|(您|你)提到|了解到|反映|并非来自|一事|忽略|无视|骗局|骗术|圈套|假客服|是假的|任何人.{0,40}都?不(可能|会|能)|(您|你)(所)?说的|(您|你)遇到的(那|这)"),
    conditional=_c(r"^(如果|若|一旦|假如|当)"),
    anaphor=_c(r"它|这些|那些|这个|那个"),
    funds_value=_c(r"买\s?u(?![a-z])|礼品卡|充值卡|e卡|苹果卡|steam|google play|gift card|\d+\s?刀|\d+\s?元|\d+\s?u(?![a-z])|(?<![a-z])(bnb|trx|sol|usdc)(?![a-z])|等额|币|资产|资金(?!密码)|余额|btc|eth|usdt|手续费|保证金|税|费用|钱(?!包)|款|持仓|持有|全部|金额|代币|token|转账|现金"),
    funds_move=_c(r"买|购买|先交|先付|买u|转给他|银行卡转|转回|打回|退回|提到我们|划转|划到|补缴|补交|再充|充一笔|充\s?\d|充值|打到|打过去|存到|存进|授权|质押|认购|汇到|付到|转到|转入|转账|转移|转出|充值|支付|缴纳|打款|转给|存入|汇入|付|交|往.{0,8}转|转\s?\d|转一下|转(你|您)的|发到|转(资金|资产|币|账)|提到|提币到|转过去|转进去|转给|投入|塞进|放进"),
    funds_self=_c(r"(只|仅)?属于(您|你)(自己)?的?(账户|账号)|(您|你)的?(账户|账号)专属|专属(于您|地址)|(现货|合约|理财|资金|杠杆|期货)账户|(您|你)(自己的?|的)(个人|外部|新|冷)?(钱包|地址|账户)|自己的(新)?(钱包|地址|账户)?|本人的|(创建|新建|建立|生成)(一个)?新的?钱包|新钱包(自己)?生成的地址|(您|你)新钱包|(本人|您)掌控的?新?钱包|自己建新钱包|自行生成|自己(建|创建|新建|生成|开)(个|一个)?新的?钱包|自己把"),
    funds_strong=_c(r"(安全|保护|(?<!自)托管|隔离|保险)用?的?(钱包|地址)|(安全|(?<!自)托管|隔离|监管)用?的?(账户|uid)|验证用?的?地址|(到|入|至)验证钱包"),
    funds_target=_c(
        r"(比特币|btc|加密货币|虚拟币|数字货币)\s?(atm|自助机|取款机|机器)|(安全|新|验证|保护|冷|(?<!自)托管|临时|审核|隔离)(钱包|地址|账户)(?!所有|归属)|这个地址|以下地址|下面的?地址|该地址|指定(的)?(地址|钱包|账户)|"
        r"解冻|解锁|激活|放行|0x[0-9a-f]{8,}|bc1[a-z0-9]{8,}|才能(提现|提币|到账|解)|(专用|指定|审计|我们的|平台|提供的)的?(地址|钱包|账户)|"
        r"(转入|转到|转至|打到|充值到).{0,12}(地址|钱包|账户|合约)|(新|升级|迁移)?合约(?!账户|交易)|升级地址|我给的|拿地址|要地址|获取地址|新钱包|0x[0-9a-f]{8,}|t[1-9a-z]{33}|白名单|我们的?地址|往.{0,6}地址|指定的?.{0,4}(钱包|地址)|过渡钱包|临时钱包|验证(资金|金)|返还|退回|退还|原路返回|放款|出款|(0x[0-9a-f]{3,}|bc1[0-9a-z]{3,}|t[1-9a-z]{3,})\s?(…|\.\.\.)\s?[0-9a-z]{2,}|(结算|清算)(地址|钱包)|商家|otc|承兑|卡密|卡号(?!\s?(后|尾|末|last))|兑换码|子账户|uid\s?\d{6,}|追回(费|流程)?|recovery wallet|押金|信用分|信誉分|分数|监管(账户|钱包)|对公(账户|钱包)|公户|下面这个地址|这个钱包|(这个|该)\s?(address|wallet)|(消息|下一条|下条)[^,，。]{0,6}地址|我发(您|你)的|(转|打|充|存|汇)[^,，。]{0,12}到[^,，。]{0,10}(钱包|地址|账户|合约)|才(能|可以)(提|取)|(之?后|才能?).{0,8}(到账|提现|提币|出金)"
    ),
    remote_app=_c(r"描述文件|配置文件|快速助手|win\s?\+\s?ctrl\s?\+\s?q|remotedesktop\.google\.com|提供支持|完全控制|(允许|授予|申请|请求|给我).{0,6}控制|控制权|远程控制|give control|插件|扩展程序|浏览器扩展|chrome\s?extension|(添加|安装).{0,20}扩展|远程|屏幕共享|共享屏幕|共享(您的|你的)?屏幕|协助软件|控制权|无障碍权限|辅助功能权限|apk|\.exe|(连上|连接|控制)(您|你)的(电脑|手机|设备)|share.{0,4}屏幕|分享.{0,4}屏幕|屏幕分享|会议.{0,6}共享|共享.{0,4}桌面"),
    remote_move=_c(r"→|打开|输入|按|点|授予|允许|添加|装好|安装|下载|打开|开启|运行|使用|共享|授权|允许|识别码|连接|id|装|用|share|给我|交给|连上"),
    funds_done=_c(r"已(经)?(于.{0,12})?(到账|入账|确认|完成|退回|返还|处理)|已于|已成功"),
    funds_choice=_c(r"^(如果|若|假如|要是)?(您|你)(想|希望|打算|计划)(要)?(把|将)"),
    benign=_c(r"卡密|卡号|兑换码|礼品卡|充值卡|(\d|[一二三四五六七八九十])位的?(工单|订单|案件|问题|受理)(编?号|编码)|错误(代)?码|错误代码|报错(代)?码|工单号|订单号|案件号|受理号|参考号|邀请码|推荐码|优惠码|标签|memo|交易哈希|问题编号|后[四4]位|尾号"),
    gift_card=_c(r"礼品卡|充值卡|购物卡|游戏卡|京东\s?e卡|(?<![a-z])e卡|苹果卡|steam\s?(卡|充值)|google\s?play|itunes|点卡"),
    card_code=_c(r"卡密|卡号|码"),
    new_wallet=_c(r"新钱包(的|自己的)?(地址)?|新地址"),
    owned=_c(r"(只|仅)?属于(您|你)(自己)?的?(账户|账号)|(您|你)的?(账户|账号)专属|专属(于您|地址)"),
)

_KO = Cues(
    secrets=(
        ("seed", _c(
            r"시드|복구\s?(구문|문구|단어|키)|니모닉|백업\s?(구문|문구|단어)|\d+\s?개?\s?(의\s?)?단어|"
            r"(첫|두|세|네|다섯|여섯|일곱|여덟|아홉|열|열한|열두|마지막)\s?(번째|번 째)\s?단어|\d+\s?번(째)?\s?단어|"
            r"적어\s?두신\s?단어|지갑\s?(구문|단어)|단어들?|(복구|시드|지갑|비밀|백업)\s?(문장|문구|구문|단어)|구문|(?<!오류\s)(?<!오류)(?<!에러\s)(?<!에러)문구"
        )),
        ("private_key", _c(r"백업\s?파일|개인\s?키|프라이빗\s?키|비밀\s?키|키스토어|지갑\s?파일|json\s?파일|키\s?(를|을)?\s?내보내|내보낸\s?키|api\s?(키|key|시크릿)")),
        ("password", _c(r"비밀번호|패스워드|암호(?!화)|비번|핀\s?번호|pin|보안\s?질문|질문의?\s?답")),
        ("session_token", _c(
            r"쿠키|cookie|(액세스|세션|인증|로그인|접근)\s?토큰|긴\s?토큰|로그인\s?세션|세션\s?(정보|값|id)|(?<![a-z])har(?![a-z])|document\.cookie|local\s?storage|[\w_]+_(session|token)|eyj|(access|auth|session)\s?token"
        )),
        ("carrier_code", _c(
            r"번호\s?이동\s?(인증\s?)?(코드|번호|핀)|esim.{0,10}(qr|코드)|통신사\s?(코드|비밀번호|핀)|puk"
        )),
        ("two_factor", _c(
            r"안에\s?(있는\s?)?(번호|코드)|백업\s?키|인증\s?(번호|코드)|otp|2fa|보안\s?코드|일회용\s?(비밀번호|코드)|[6육]\s?자리|문자로\s?(받으신|받은|온)|"
            r"인증\s?앱|authenticator|확인\s?코드|코드"
        )),
    ),
    managed=_c(
        r"(비밀번호|(구글\s?)?otp|2fa|인증\s?앱)\s?(을|를)?\s?(변경|재설정|찾기|초기화|설정|해제|등록|분실|바꾸|바꿔)|"
        r"(2\s?단계|이중|2차)\s?인증(이|을|를|은)?\s?(필요|사용|설정|활성)|"
        r"(시드\s?구문|복구\s?구문|비밀번호)\s?(을|를)?\s?(안전하게|잘)\s?(보관|관리)|가려.{0,20}|가리고.{0,20}|모자이크.{0,20}|"
        r"(모든\s?|다른\s?)?세션(을|에서)?\s?로그아웃"
    ),
    ours=_c(r"(저희가|시스템에서|회사에서)\s?(보내|발송|전송)|보내\s?드린|발송(된|되는)|보내\s?드립|보내\s?드릴|보내\s?드려|발송해\s?드|발송됩니다|발송돼|전송됩니다|보내집니다"),
    disclose=_c(
        r"보내|알려|말씀|공유|제공|전달|불러|읽어|주시겠|회신|답장|첨부|남겨|올려|기재|무엇|뭔가요|뭐예요|"
        r"어떻게 되|맞나요|맞습니까|얘기|말해|얘기해|업로드|제출|(?<![어아여해워줘려러고])\s주세요"
    ),
    enter=_c(r"입력|붙여|기입|작성|넣어|동기화|가져오기|확인(?!\s?코드)|인증해|적어|써\s?주|써\s?서"),
    need=_c(r"필요|충분|만\s?있으면|됩니다"),
    to_us=_c(
        r"저에게|제게|저한테|저희|제가\s?(들어가서\s?)?로그인|상담원|담당자|직원|여기|채팅|아래|통화|전화|양식|폼|동기화|사이트|페이지|링크|메일(?!\s?인증|로\s?(받|온))|"
        r"[a-z0-9._-]+@[a-z0-9-]+\.[a-z]|https?://|\b[a-z0-9-]+\.(com|io|net|org|xyz|app|site)\b|순서대로|하나씩|띄어쓰기|칸|란"
    ),
    to_me=_c(r"(저에게|제게|저한테|저희에게|상담원에게)(?!\s?(신고|문의|연락))"),
    please_if=_c(r"주시면|주신다면"),
    except_me=_c(r"(저|저희|상담원|공식|직원)[^.]{0,12}(외에는|외엔|말고는|제외하고)"),
    self_side=_c(r"로그인\s?(하려면|시|할\s?때)|출금\s?(시|전)|(공식\s?)?앱|어플|로그인\s?화면|직접|새\s?휴대폰|기기에서|본인만|본인이|오프라인|종이|(출금|로그인|보안|설정|입금)\s?(화면|페이지)|적어\s?두|보관"),
    negation=_c(r"아니에요|아니예요|아니라|아닌|수\s?없|않|마세요|마십시오|말아|말고|마요|(?<![가-힣])못|절대|금지|없습니다|없어요|아닙니다|마시|(?<![가-힣])안\s"),
    negation_ignore=_c(r"걱정\s?(하지\s?)?(마시고|마세요|마)|죄송|망설이지|안\s?(되시|되면|될|돼|되는)|못\s?(하시|하면|했)"),
    warning=_c(r"(라고|하라고|달라고)\s?(했다면|한다면|했으면|했다|하는)|저희가\s?(아닙니다|아니에요|아닌)|사기|사칭|가짜|피싱|신고|공식.{0,8}아닙니다|도용|탈취|누군가.{0,12}(요구|요청|물어)|말씀하신|(하셨|했|셨)다고|(?<!주)무시|(달라는|라는|하라는)\s?(요청|요구|연락|메시지)"),
    conditional=_c(r"^(만약|혹시)|(으면|면)\s?$"),
    anaphor=_c(r"그것|그걸|이것|이걸|해당|누락\s?항목|해당\s?항목"),
    funds_value=_c(r"담보|증거금|추가분|기프트\s?카드|문화상품권|\d+\s?(만)?원|\d+\s?달러|같은\s?금액|자산|자금(?!\s?비밀번호)|코인|잔액|수수료|btc|eth|usdt|보증금|세금|금액|돈|토큰|현금|지폐"),
    funds_move=_c(r"사서|구매|결제(?!일|\s?건|\s?이의)|넣어|넣으|내시면|사야|넣으셔야|계좌이체|돌려보내|반환해|충전|맡겨|잠가|잠그|추가\s?입금|옮겨|이체|송금|보내|입금|전송|지불|납부|이동|옮기|옮길|출금"),
    funds_self=_c(r"(본인|고객님|자신)의?\s?(개인\s?|새\s?|콜드\s?)?(지갑|월렛|주소|계좌)|본인\s?명의|새\s?지갑(을|를)?\s?(직접\s?)?(만들|생성)|새\s?지갑\s?생성|본인이\s?만든|(직접|스스로)\s?(만든|생성한)|고객님만\s?관리"),
    funds_strong=_c(r"(안전한?|인증용?|보호|보관용?|에스크로|격리|보안)\s?(지갑|주소)|(안전|보관용|격리|에스크로)\s?(계정|계좌|uid)|송금\s?주소\s?(를|을)?\s?받"),
    funds_target=_c(
        r"(비트코인|btc|암호화폐|코인)\s?(atm|기기|키오스크)|(안전한|새|보호|인증|검증|임시|보관|격리)\s?(지갑|주소|계좌)|이\s?지갑|이\s?주소|아래\s?주소|지정된\s?(주소|지갑)|"
        r"잠금\s?해제|해제|활성화|0x[0-9a-f]{8,}|bc1[a-z0-9]{8,}|\S*용\s?(주소|지갑|계좌)|(주소|지갑|계좌)(로|으로|에)|컨트랙트|업그레이드\s?주소|이전\s?주소|송금\s?주소|t[1-9a-z]{33}|풀립|풀려|풀어|(인증|검증|보증)\s?(자금|금)|돌려드|반환|(0x[0-9a-f]{3,}|bc1[0-9a-z]{3,}|t[1-9a-z]{3,})\s?(…|\.\.\.)\s?[0-9a-z]{2,}|정산\s?(지갑|주소)|업체|회수\s?(지갑|수수료)|(카드|기프트\s?카드)\s?(번호|코드|핀)(?!\s?(뒤|끝|전체))|해제|(알려\s?주는|지정된?)\s?계좌|uid\s?\d{6,}|신용\s?(점수|포인트)|점수|출금(이|을)?\s?(가능|승인|해\s?드립|됩니다)|처리됩니다|관리\s?계좌|지정한?\s?.{0,4}(지갑|주소)|(긴급|담보|담보\s?보관|증거금)\s?(주소|지갑)"
    ),
    remote_app=_c(r"프로파일|(보안|구성)\s?프로필|빠른\s?지원|윈도우\s?\+\s?ctrl\s?\+\s?q|win\s?\+\s?ctrl\s?\+\s?q|remotedesktop\.google\.com|지원\s?제공|모든\s?제어|원격\s?지원|제어\s?(요청|허용|권)|제어권|확장\s?프로그램|확장\s?(설치|깔)|부가\s?기능|플러그인|애드온|원격|화면\s?공유|(화면\s?)?제어\s?권한|화면\s?제어|지원\s?(앱|프로그램|툴)|접근성\s?권한|apk|\.exe"),
    remote_move=_c(r"→|누르|입력|접속|눌러|클릭|주기|들어오|추가|설치|다운|실행|열어|공유|허용|사용|접속|연결|id|주소|번호|깔|넘겨|받으시"),
    funds_done=_c(r"(반영|입금|확인|완료|처리|환불)(되었습니다|됐습니다|되었어요|됐어요|된 것으로)|들어왔|들어온|자동\s?(으로\s?)?반영|(입금|송금)\s?확인했|컨펌"),
    funds_choice=_c(r"싶으시면|원하시면|원하실 경우|싶으실 경우"),
    benign=_c(r"(?<!esim)(?<!esim )qr\s?코드|(기프트\s?카드|문화상품권|구글\s?플레이|스팀)\s?(의\s?)?(코드|번호|핀)|카드\s?(의\s?)?(코드|번호)|코드\s?사진|\d\s?자리\s?(의\s?)?(문의|접수|주문|티켓|참조)\s?번호|(오류|에러)\s?코드|(문의|접수|주문|티켓|참조)\s?번호|(초대|추천)\s?코드|태그|메모|(뒷|끝)\s?자리(\s?\d\s?자리)?"),
    gift_card=_c(r"기프트\s?카드|문화상품권|상품권|구글\s?플레이|스팀\s?(카드|월렛)|애플\s?(기프트\s?)?카드|틴캐시|해피머니|선불\s?카드"),
    card_code=_c(r"코드|번호|핀|pin|뒷면"),
    new_wallet=_c(r"(그\s?)?새\s?(지갑|주소)(\s?자체)?(\s?주소)?"),
    owned=_c(r"(고객님\s?)?계정\s?전용|고객님\s?전용"),
)

_JA = Cues(
    secrets=(
        ("seed", _c(
            r"(最初|最後|先頭|末尾)の?\s?[0-9一二三四五六七八九十]+\s?(語|単語|個)|シード|リカバリー?フレーズ|復元フレーズ|ニーモニック|バックアップフレーズ|秘密のフレーズ|\d+\s?(個の)?単語|"
            r"(十二|二十四)(個の)?単語|\d+\s?番目の?単語|(最初|最後)の単語|控えた単語|単語|(?<!パス)ワード|(秘密|復元|リカバリー|バックアップ|ウォレット)の?(言葉|文言|語|フレーズ)|(?<!パス)フレーズ"
        )),
        ("private_key", _c(r"バックアップファイル|秘密鍵|プライベートキー|秘密キー|キーストア|ウォレットファイル|jsonファイル|(?<!暗証)鍵|api\s?(キー|key|シークレット)")),
        ("password", _c(r"パスワード|暗証番号|ログイン情報|パスフレーズ|パスコード|pin|秘密の質問|セキュリティ質問|質問の答え")),
        ("session_token", _c(
            r"クッキー|cookie|(アクセス|セッション|認証|ログイン)\s?トークン|(長い|始まる)\s?トークン|セッション(情報|id|の値|値)|(?<![a-z])har(?![a-z])|document\.cookie|local\s?storage|[\w_]+_(session|token)|eyj|(access|auth|session)\s?token"
        )),
        ("carrier_code", _c(
            r"mnp|予約番号|転出(用)?の?(暗証番号|pin|コード)|(番号移行|番号ポータビリティ)の?(コード|番号)|esim.{0,10}(qr|コード)|puk"
        )),
        ("two_factor", _c(
            r"認証コード|確認コード|ワンタイムパスワード|二段階認証|2段階認証|2fa|otp|\d桁|[六6]桁|セキュリティコード|"
            r"smsで届い|smsに届い|認証アプリ|バックアップキー|authenticator|表示されている(数字|番号)|コード|(グーグル|google)\s?認証(アプリ)?の?(コード|番号|数字)|オーセンティケーター|認証の?(番号|数字)"
        )),
    ),
    managed=_c(
        r"(パスワード|二段階認証|2段階認証|認証アプリ|2fa|(グーグル|google)\s?認証)\s?(を|の)?\s?(変更|再設定|リセット|設定|解除|有効|無効|紛失|お忘れ)|"
        r"(二段階認証|2段階認証|2fa)(が|は)(必要|必須)|"
        r"(シードフレーズ|パスワード)\s?(を|は)?\s?(安全|大切)に\s?(保管|管理)|隠し.{0,20}|伏せ.{0,20}|(?<!メタ)マスク.{0,20}|"
        r"(全|すべての|他の)?セッション(から|を)?\s?ログアウト"
    ),
    ours=_c(r"(当社|弊社|システム)(から|が)(送信|送付|お送り)|お送りした|送信された|届いた|お送りします|お送りいたします|送信します|送信いたします|お届けします|再送信|再送|再発行"),
    disclose=_c(
        r"(確認|照合|チェック)させて|ご教示|頂戴|教え|送って|送信|送付|転送|何(です|でしょう|番)|お知らせ|伝えて|提供|共有|記入|読み上げ|提示|返信|添付|お送り|"
        r"お伝え|お聞かせ|ご連絡|口頭|メールで|合っていますか|お伺い|伺って|伺え|お聞き|聞かせ|メールして|メール送信|送れ|送る|送り|アップロード|提出|言って|(?<=[\u30a0-\u30ffa-z0-9])ください|をください"
    ),
    enter=_c(r"入力|貼り付け|同期|インポート|ご入力|確認(?!コード)|照合|書いて|書き込|書き添え|お書き|入れて|貼って|貼り"),
    need=_c(r"必要|十分|だけで|のみで"),
    to_us=_c(
        r"私に|こちら|当方|担当者|スタッフ|係|ここ|チャット|下記|以下の|電話|通話|フォーム|同期|サイト|ページ|リンク|(?<!迷惑)メール(?!認証|の認証|で届|に届|フォルダ|ボックス|アドレス)|"
        r"[a-z0-9._-]+@[a-z0-9-]+\.[a-z]|https?://|\b[a-z0-9-]+\.(com|io|net|org|xyz|app|site)\b|スペース区切り|(?<!アプリの入力)(?<!アプリ内の入力)(?<!画面の入力)欄|メッセージ"
    ),
    to_me=_c(r"私に|こちらに|当方に|担当者に"),
    please_if=_c(r"(いただ|下さ|くださ)(けれ|れ)ば|いただけたら|くだされば|もらえれば|もらえたら"),
    except_me=_c(r"(私|当社|弊社|サポート|スタッフ|担当者|公式)[^。]{0,10}以外"),
    self_side=_c(r"ログイン(には|時|する際)|出金(時|前|の際)|(公式)?アプリ|ログイン画面|ご自身|ご自分|新しいスマホ|端末で|ご本人のみ|オフライン|紙に|(出金|ログイン|セキュリティ|設定|入金)(画面|ページ)|書き留め|控えて|保管"),
    negation=_c(r"ない|ません|ず[、。に]|ことは(一切)?な|なく[、。]|決して|禁止|控えて|お控え|絶対に|不要"),
    negation_ignore=_c(
        r"ないと(.{0,10}(できません|できない|なりません))?|なければ(.{0,10}(できません|なりません))?|ご心配なく|心配(しないで|なさらず|いりません)|申し訳(ありません|ございません)|すみません|かまいません|構いません|"
        r"問題ありません|できない場合|届かない|反映されない|ログインできない"
    ),
    warning=_c(r"通報|(よう|ように)(言われ|指示され|求められ|頼まれ)|(弊社|当社)では(ありません|ございません)|詐欺|なりすまし|偽|フィッシング|名乗る|公式.{0,10}ではありません|盗|誰か.{0,12}(求め|尋ね|聞)|とおっしゃ|とのこと|無視"),
    conditional=_c(r"^(もし)|(場合は?|たら|れば)$"),
    anaphor=_c(r"それ|これ|そちら|不足項目|該当項目|上記"),
    funds_value=_c(r"担保|追加分|証拠金|ギフトカード|steamカード|google\s?playカード|\d+\s?(万)?円|\d+\s?ドル|同額|資産|資金(?!パスワード)|コイン|残高|手数料|btc|eth|usdt|保証金|税金|費用|金額|トークン|現金|お札|全額|全部|ぜんぶ"),
    funds_move=_c(r"投入|入れて|入れていただ|買って|購入|お支払い|払う|払って|買って|返送|ご返金|返金して|お戻し|追加入金|預けて|預け入れ|ロック|納付|移して|移動|送金|振り込|送って|入金|支払|移し|移管|お振込|振替|送れば|お送り|送る|送り|送金|出金"),
    funds_self=_c(r"(お客様|ご自身|ご本人)(の|ご自身の)?(新しい|コールド)?(ウォレット|アドレス|口座)|ご自身で管理|新しいウォレットを(作成|作って|作り)|新しいウォレット(を)?作|自分で作った(アドレス|ウォレット)|新しいウォレットのアドレス"),
    funds_strong=_c(r"(安全な|認証用|検証用|保護用?|保管用|エスクロー|隔離|セキュア)の?\s?(ウォレット|アドレス)|(安全|保管用|隔離|エスクロー)の?\s?(アカウント|口座|uid)|送金先アドレスを\s?(お)?受け取|回収(用)?の?ウォレット"),
    funds_target=_c(
        r"(ビットコイン|btc|暗号資産|仮想通貨)\s?(atm|マシン|端末|キオスク)|(安全な|新しい|保護|認証用|検証用|一時|保管用|隔離)\s?(ウォレット|アドレス|口座)|このアドレス|以下のアドレス|下記のアドレス|"
        r"指定の(アドレス|ウォレット)|解除|有効化|凍結解除|0x[0-9a-f]{8,}|bc1[a-z0-9]{8,}|\S*用の?(アドレス|ウォレット|口座)|"
        r"(アドレス|ウォレット|口座)(へ|に)|コントラクト|アクティブ|送金先|アップグレード用|t[1-9a-z]{33}|(認証|検証|保証|確認)用?の?(資金|金)|返却|返金|戻|出金(いたします|できません|できます|が可能|を承認|されます)|(0x[0-9a-f]{3,}|bc1[0-9a-z]{3,}|t[1-9a-z]{3,})\s?(…|\.\.\.)\s?[0-9a-z]{2,}|(精算|清算)用?の?(アドレス|ウォレット)|業者|回収ウォレット|(カード|ギフトカード)の?(番号|コード)(?!\s?(下|末尾|全体))|解除|サブアカウント|uid\s?\d{6,}|スコア|信用|契約を承認|承認いたします|反映されます|お返し|管理口座|指定の?.{0,6}(ウォレット|アドレス)|(緊急用?|担保|担保保管|証拠金)の?\s?(アドレス|ウォレット)"
    ),
    remote_app=_c(r"プロファイル|クイックアシスト|windows\s?\+\s?ctrl\s?\+\s?q|win\s?\+\s?ctrl\s?\+\s?q|remotedesktop\.google\.com|サポートを提供|完全な制御|操作を要求|制御を許可|コントロール(を)?渡|リモート操作|拡張機能|拡張|アドオン|プラグイン|遠隔|リモート|画面共有|画面を共有|画面を?見せ|操作権限|画面の操作|サポートツール|接続コード|ユーザー補助|アクセシビリティ|apk|\.exe"),
    remote_move=_c(r"→|開き|開いて|入力|押して|クリック|お与え|参加|追加|導入|(?<!アン)インストール|ダウンロード|起動|開いて|共有|許可|使用|ご利用|入れて|接続|id|番号|渡して|お渡し"),
    funds_done=_c(r"(反映|着金|入金|確認|完了|返金)(されました|いたしました|しました|済み)|自動(的)?(で|に)\s?(反映|着金|入金)"),
    funds_choice=_c(r"(たい|希望される|ご希望の)場合|たいときは"),
    benign=_c(r"(?<!esim)(?<!esim )(?<!esim の )(?<!esimの )qr\s?コード|(ギフトカード|steamカード|google\s?playカード)の?(コード|番号|pin)|カードの?(コード|番号)|コードの写真|(\d|[一二三四五六七八九十])桁の(お問い合わせ|問い合わせ|受付|注文|チケット|参照)番号|エラーコード|エラー番号|お問い合わせ番号|問い合わせ番号|受付番号|注文番号|チケット番号|参照番号|招待コード|紹介コード|タグ|メモ|下[4四]桁|末尾[4四]桁"),
    gift_card=_c(r"ギフトカード|ギフト券|steamカード|(アマゾン|amazon)ギフト|(アップル|apple)カード|google\s?playカード|itunesカード|バニラ(カード|visa)|プリペイドカード|電子マネー"),
    card_code=_c(r"コード|番号|pin|裏面"),
    new_wallet=_c(r"新(しい)?ウォレット(自身)?の?(アドレス)?|新しいアドレス"),
    owned=_c(r"お客様(の)?(アカウント)?専用|アカウント専用"),
)

_CUES = {"en": _EN, "zh": _ZH, "ko": _KO, "ja": _JA}


@lru_cache(maxsize=8)
def cues(language: str) -> Cues:
    """The cues of a language (English for any other)."""
    return _CUES.get(language, _EN)
