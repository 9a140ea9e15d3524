"""Cues of a service answer per language (en, zh, ko, ja): empathy, and what happens next.

Patterns run on normalised text (lower case, full-width folded; see
:mod:`shopper.scoring.text`). Next steps come in five shapes, each a pattern:

* ``action``: an imperative or a request with an object ("please send the TXID", "请提供",
  "보내 주세요", "お送りください"), or what the customer can do themselves ("you can reset",
  "您可以", "해제하실 수 있습니다", "ご自身で…できます");
* ``future``: someone will do something concrete ("we will email you", "会联系您",
  "연락드리겠습니다", "ご連絡いたします");
* ``timeline``: within a time, by a day ("within 24 hours", "2 小时内", "2시간 이내", "2時間以内");
* ``escalation``: a hand-over or a ticket someone acts on;
* a link to a specific page (handled by the check, not a pattern).

``courtesy`` holds the requests that are not steps: patience and polite closings ("please be
patient", "have a great day", "请耐心等待", "좋은 하루 보내세요", "よろしくお願いいたします");
they are blanked out before the rest is read. ``info`` is an instruction that asks the customer
for information (send, tell, describe…): a step whatever the topic, where an instruction about
something else ("to change your email, go to Settings") is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class ServiceCues:
    empathy: re.Pattern[str]
    action: re.Pattern[str]
    future: re.Pattern[str]
    timeline: re.Pattern[str]
    escalation: re.Pattern[str]
    courtesy: re.Pattern[str]
    info: re.Pattern[str]


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_EN_VERBS = (
    r"send|reply|respond|share|open|go|head|tap|click|press|check|contact|email|visit|follow|mark|confirm|upload|"
    r"change|enter|type|use|report|block|select|choose|complete|restore|write|keep|read|log ?in|sign ?in|reset|"
    r"update|submit|provide|tell|let (me|us) know|include|attach|file|appeal|cancel|uninstall|remove|look|view|"
    r"track|find|request|verify|unlock|enable|disable|describe|explain|wait for \w+|don'?t (send|cancel|share|pay|install)|"
    r"do not (send|cancel|share|pay|install)|never (share|send|pay)"
)

_EN = ServiceCues(
    empathy=_c(r"\b(sorry|apolog\w*|understand|frustrat\w*|worr\w*|stress\w*|upset|awful|terrible|concern\w*|"
               r"sounds|must be|i see|unfortunately|right to be|no worries)\b"),
    action=_c(rf"(^|[.!?;:,]\s*|\b(please|kindly|just|simply|then|first|so|and)\s+)(also |now |first |then )?"
              rf"({_EN_VERBS})\b\s+\S"
              rf"|\b(could|can|would) you (please )?({_EN_VERBS})\b"
              rf"|\byou can (now )?(?!be\b)\w+ \w+|\byou('ll| will) need to \w+"),
    future=_c(r"\b(i'?ll|i will|we'?ll|we will|they'?ll|they will|(team|lead|supervisor|agent|colleague|specialist)s? "
              r"will|who will|which will)\s+(?!see\b|try\b)(\w+ )?(contact|reply|email|answer|review|check|look|"
              r"investigate|trace|chase|credit|refund|return|assign|process|reset|notify|update|send|get back|reach|"
              r"follow|join|connect|transfer|escalate|forward|handle|fix|restore|unlock|finish|complete|call|let)"
              r"|\byou('ll| will) (get|receive|hear|be (contacted|notified|emailed))"
              r"|\b(is|are) (now )?with (a|an|our|the) \w+( \w+)? team|\b(should|will) (arrive|reach|be credited|"
              r"be returned|be refunded|appear|show)"),
    timeline=_c(r"\bwithin (the next |about |roughly )?(\d+|an?|one|two|three|a few|few)\b|\b\d+\s*[-–]\s*\d+ "
                r"(business |working )?(days?|hours?|minutes?)|\bin (about |roughly |around )?(\d+|an?|one|two|a few)"
                r" (hours?|minutes?|days?|business days?)\b|\bby (monday|tuesday|wednesday|thursday|friday|saturday|"
                r"sunday|tomorrow|tonight|the end of)|\btomorrow\b|\bin a moment\b|\bshortly\b|\bas soon as\b"),
    escalation=_c(r"\bescalat\w*|\bforward(ed|ing)?\b.{0,40}\bto\b|\bpass(ed)?\b.{0,30}\bto\b.{0,30}\bteam\b|"
                  r"\btransferr?ing you|\bconnect(ing)? you|\bopened (a |an )?(ticket|case|appeal)|"
                  r"\blogged\b.{0,40}\b(ticket|case|complaint)|\b(ticket|case|complaint) (#|no\.? |number )?hbr-?\d+|"
                  r"\basked (our|the) [\w ]{0,30}team|\bticket #?\d+"),
    courtesy=_c(r"\b(be patient|bear with us|hang tight|wait patiently|thank(s| you) for (your )?(patience|waiting)|"
                r"have a (great|nice|good|lovely) (day|evening|weekend)|enjoy (trading|your day))\b"),
    info=_c(r"\b(send|tell|share|provide|describe|explain|reply|confirm|include|attach|let (me|us) know)\b"),
)

_ZH = ServiceCues(
    empathy=_c(r"抱歉|对不起|歉意|遗憾|理解您|理解你|着急|焦急|担心|头疼|恼火|糟糕|不好意思|辛苦"),
    action=_c(r"请(您)?(先|再|把|将|在)?(发送|发给|发|提供|回复|打开|前往|点击|确认|上传|联系|查看|举报|拉黑|标记|填写|进入|"
              r"修改|更改|检查|告诉|不要|勿|按照|参考|访问|登录|完成|使用|保留|选择|申诉|取消|卸载|提交|输入)"
              r"|请(您)?\S{0,24}?(发送|发给|提供|告诉|上传|填写|输入|标记|描述|回复)"
              r"|能否\S{0,20}?(提供|告诉|发送|描述|说明)"
              r"|您可以(自行|直接|在)?\S|可(以)?自行\S|不要(取消|再|向|把|发送)|千万不要|麻烦(您)?(提供|发送|告诉)"
              r"|能否(再)?(提供|告诉|发送)|在\S{1,12}(点击|发起|确认)"),
    future=_c(r"(我们|我|团队|他们|主管|专员|客服)(会|将|将会)(在\S{0,12})?(通过\S{0,4})?(联系|回复|通知|处理|审核|核查|"
              r"查|跟进|退回|入账|分配|完成|给您|为您)|(会|将)(在\S{0,10}内)?(邮件|短信)?(通知|联系|回复)您|"
              r"会在\S{0,12}(内|前)(完成|到账|退回|回复)|(预计|大约|约)\S{0,10}(到账|到达|完成|回复)|稍后(会)?(加入|联系|回复)"),
    timeline=_c(r"\d+\s*(-\s*\d+\s*)?(个)?(小时|分钟|天|个?工作日|日)(内|以内|之内|后)|明天|最晚|尽快|稍后|"
                r"周[一二三四五六日]前|(一|两|三)(个)?(小时|天|工作日)(内|以内|后)"),
    escalation=_c(r"升级(给|至|到)?|转交|已转|转给|提交给|转接|(创建|登记|开立|建立)(了)?\S{0,6}工单|工单(号)?\s*#?\s*[a-z]*-?\d+|"
                  r"请\S{0,6}团队(核查|处理|查看)"),
    courtesy=_c(r"耐心等待|请稍等|请耐心|感谢您的耐心|敬请谅解|祝您\S{0,8}(愉快|顺利)"),
    info=_c(r"发送|发给|提供|告诉|描述|回复|上传|说明"),
)

_KO = ServiceCues(
    empathy=_c(r"죄송|사과|유감|속상|답답|당황|불안|초조|힘드|걱정|화가 나|안타깝|이해합니다"),
    action=_c(r"(?<!기다려 )(?<!기다려)(주세요|주십시오|주시겠어요|주시겠습니까|주시면)|(하|으|이|시|받|보|두|르|르시)?세요(?<!하세요)"
              r"|[가-힣]+(하|으|이|받|보|해제하|올리|누르|르)?실 수 있습니다|마세요|눌러|(보내|알려|올려|회신해|확인해) ?주"),
    future=_c(r"(드리겠습니다|드릴게요|드릴 예정|할 예정|예정입니다|하겠습니다|연락드|알려드|도착합니다|도착할 것|"
              r"반영해 드리|처리될|들어올 예정|검토합니다|환불됩니다|연결하고 있습니다)"),
    timeline=_c(r"\d+\s*(~\s*\d+\s*)?(시간|분|일|영업일)\s*(이내|안에|내|후|정도)|영업일|내일|늦어도|곧|(?<!부터 )(?<![월화수목금토일]요일부터 )[월화수목금토일]요일까지|"
                r"한 시간|하루 안에"),
    escalation=_c(r"전달(했|하였|드렸)|에스컬레이션|(상담원|담당자|담당 ?팀|팀)(에게|으로|에)? ?(연결|전달|이관|넘어)|티켓|이관|"
                  r"확인을 요청|검토를 요청|전담팀"),
    courtesy=_c(r"기다려 주(세요|십시오)|기다려 주셔서|기다려주셔서|좋은 하루|즐거운 \S+ 되(세요|시길)|되세요"),
    info=_c(r"보내 ?주|알려 ?주|회신|설명해 ?주|올려 ?주|제출해 ?주"),
)

_JA = ServiceCues(
    empathy=_c(r"申し訳|お詫び|ご不便|ご迷惑|ご心配|ご不安|お困り|残念|悔しい|心中|存じます|もっとも|ご安心"),
    action=_c(r"(?<!お待ち)(?<!お待ち頂き)(ください|下さい)|(お送り|ご返信|ご提供|お知らせ|教えて|ご確認|ご連絡)(いただけ|ください|願)"
              r"|(ご自身|ご自分)で\S{0,30}(でき|可能)|(押して|行って|開いて|アップロードして|入力して|送って)(ください|下さい)"
              r"|(しないで|控え)(ください|下さい)"),
    future=_c(r"(ご連絡|ご回答|ご返信|お知らせ|ご案内|対応|審査|反映|確認|処理|追跡|お調べ)(いた|致)します|(いた|致)します(?!。よろしく)"
              r"|見込み|予定|届きます|着金|参加いたします|お繋ぎ|おつなぎ|返金されます|完了(いた)?します"),
    timeline=_c(r"\d+\s*(〜\s*\d+\s*)?(時間|分|日|営業日)\s*(以内|ほど|後|で|まで)|明日|遅くとも|まもなく|次第|[月火水木金土日]曜日まで|"
                r"営業日以内"),
    escalation=_c(r"エスカレーション|引き継|転送|おつなぎ|お繋ぎ|チケット|担当(者|チーム)\S{0,4}(確認|依頼|引き継|つな)|依頼しました"),
    courtesy=_c(r"お待ちください|お待ち下さい|お待ちいただき|よろしくお願い(いた|致)?します|お過ごしください|"
                r"お楽しみください"),
    info=_c(r"お送り|ご返信|ご提供|お知らせ|教えて|ご連絡|ご説明"),
)

_CUES = {"en": _EN, "zh": _ZH, "ko": _KO, "ja": _JA}


@lru_cache(maxsize=8)
def cues(language: str) -> ServiceCues:
    """The cues of ``language``; English for languages without their own."""
    return _CUES.get(language, _EN)
