"""Korean texts of the demo bots."""

UI: dict[str, str] = {
    "welcome": "{name}님, Harbor Exchange 고객센터에 오신 것을 환영합니다! 무엇을 도와드릴까요?",
    "handoff_intro": "네, 동료 상담원에게 연결해 드리겠습니다.",
    "handoff_system": "지금부터 {agent}(상담원)와 대화 중입니다",
    "agent_hello": "{name}님, 안녕하세요. {agent}입니다. 이전 대화를 확인했습니다. 무엇을 도와드릴까요?",
    "email_greeting": "{name}님, 안녕하세요.",
    "email_ack": "문의를 접수했습니다. 티켓 번호 #{ticket}. 담당자가 이메일로 답변드리겠습니다.",
    "email_followup": "티켓 #{ticket}에 대한 추가 문의 감사합니다.",
    "email_wrote": "{date}, {name}님이 작성:",
    "signature": "Harbor Support",
}

GOOD: dict[str, tuple[str, ...]] = {
    "greeting": (
        "{name}님, 안녕하세요! Harbor Exchange에 문의해 주셔서 감사합니다.",
        "오늘 무엇을 도와드릴까요?",
    ),
    "unknown": (
        "{name}님, 메시지 감사합니다.",
        "코인, 금액, 시간 등 조금 더 자세히 알려주시겠어요?",
        "도움말 센터에서 답을 찾으실 수도 있습니다: https://help.harbor.example/",
    ),
    "withdrawal_pending": (
        "{name}님, 기다리게 해서 죄송합니다. 출금은 네트워크 확인 후 전송되며, "
        "네트워크가 혼잡하면 몇 시간이 걸릴 수 있습니다.",
        "티켓 {ticket}을 생성하고 지갑팀에 거래 확인을 요청했습니다.",
        "지갑 > 내역에서 진행 상황을 확인하실 수 있습니다: https://harbor.example/wallet/history",
    ),
    "deposit_missing": (
        "입금은 필요한 네트워크 확인 수가 충족된 후 반영됩니다.",
        "티켓 {ticket}을 생성했습니다. TXID와 입금 주소를 회신해 주세요.",
        "코인별 확인 수: https://help.harbor.example/deposits",
    ),
    "wrong_network": (
        "잘못된 네트워크로 보낸 자산은 수동 검토 후 복구되는 경우가 많습니다.",
        "복구팀을 위해 티켓 {ticket}을 생성했습니다. 해당 주소로 더 이상 송금하지 마세요.",
        "자세한 내용과 수수료: https://help.harbor.example/wrong-network",
    ),
    "missing_memo": (
        "메모/태그 없이 입금된 경우 수동으로 반영할 수 있습니다.",
        "티켓 {ticket}을 생성했습니다. TXID, 코인, 금액을 보내 주세요.",
        "자세히 보기: https://help.harbor.example/memo-tag",
    ),
    "account_locked": (
        "로그인 실패가 반복되거나 보안 점검이 있으면 계정이 자동으로 잠깁니다.",
        "티켓 {ticket}을 생성했습니다. 이메일 확인 후 직접 잠금을 해제하실 수 있습니다: "
        "https://harbor.example/account/unlock",
    ),
    "lost_2fa": (
        "괜찮습니다. 신원 확인 후 2FA를 재설정하실 수 있습니다: https://harbor.example/security/reset-2fa",
        "진행 상황을 위해 티켓 {ticket}을 생성했습니다.",
        "비밀번호, 2FA 코드, 시드 구문은 누구에게도 알려주지 마세요. Harbor 직원은 절대 요청하지 않으며, "
        "고객센터가 먼저 DM을 보내는 일도 없습니다.",
    ),
    "kyc_delayed": (
        "KYC 심사는 보통 영업일 기준 1–3일이 걸리며, 일부는 수동 검토가 필요합니다.",
        "티켓 {ticket}을 생성하고 심사를 우선 처리하도록 요청했습니다. 완료되면 이메일로 안내드립니다.",
    ),
    "seed_backup": (
        "12개 또는 24개 단어를 종이에 적어 안전한 곳에 오프라인으로 보관하세요. "
        "스크린샷이나 클라우드 메모에 저장하지 마세요.",
        "시드 구문은 누구에게도 알려주지 마세요. Harbor 직원은 절대 요청하지 않습니다.",
        "가이드: https://help.harbor.example/seed-backup",
    ),
    "wallet_recovery": (
        "시드 구문은 저희를 포함해 누구에게도 알려주지 마세요. Harbor 직원은 절대 요청하지 않으며, "
        "고객센터가 먼저 DM을 보내는 일도 없습니다.",
        "Harbor 앱(설정 > 지갑 복원)에서 본인 기기에만 단어를 입력해 직접 복원하실 수 있습니다.",
        "가이드: https://help.harbor.example/restore-wallet",
    ),
    "fees": (
        "출금 수수료는 금액이 아니라 네트워크에 따라 다릅니다. 보통 TRC20이 가장 저렴하고 BEP20도 낮은 편이며, "
        "ERC20은 이더리움 가스비에 따라 수시로 바뀌어 가장 비쌉니다.",
        "네트워크마다 최소 출금 수량이 따로 있으며, 출금 화면에서 확인 전에 정확한 수수료와 최소 수량이 표시됩니다. "
        "거래 수수료는 0.10%부터 시작합니다.",
        "코인·네트워크별 현재 수수료와 최소 출금 수량: https://harbor.example/fees",
    ),
    "token_launch": (
        "신규 상장은 https://harbor.example/announcements 에서만 공지됩니다.",
        "거래가 시작되면 현물 시장에서 구매하실 수 있습니다. 저희는 DM이나 텔레그램 단체방에서 프리세일을 판매하지 않으며 개인 지갑으로 자금을 보내라고 요청하지 않습니다. 그런 제안은 사기입니다.",
    ),
    "complaint": (
        "{name}님, 불편을 드려 죄송합니다. 불만 사항을 티켓 {ticket}으로 접수했습니다.",
        "팀장이 검토 후 24시간 이내에 이메일로 답변드리겠습니다.",
    ),
    "fake_support": (
        "Harbor 고객센터는 텔레그램, WhatsApp, DM으로 연락하지 않습니다. "
        "그 계정은 저희가 아니니 신고 후 차단해 주세요.",
        "공식 채널은 이 채팅, support@harbor.example, https://harbor.example/support 뿐입니다.",
        "시드 구문, 비밀번호, 2FA 코드는 누구에게도 알려주지 마세요.",
    ),
    "safe_wallet": (
        "그 문자는 저희가 보낸 것이 아니며 사기입니다. Harbor는 누구에게도 '안전 지갑'이나 '보호 지갑'으로 "
        "자금을 옮기라고 요청하지 않으며, 전화를 걸거나 원격 제어 앱 설치를 요청하지도 않습니다.",
        "그 주소로는 아무것도 보내지 마세요. https://harbor.example/security 에서 로그인 기록과 기기를 직접 "
        "확인하시고 비밀번호와 2FA를 변경하실 수 있습니다.",
        "해당 문자는 support@harbor.example 로 신고해 주세요. 공식 채널은 이 채팅과 "
        "https://harbor.example/support 뿐입니다.",
    ),
    "remote_access": (
        "그 전화는 저희가 건 것이 아니며 사기입니다. Harbor는 고객에게 전화를 걸지 않으며, AnyDesk, "
        "TeamViewer 같은 원격 제어 앱 설치나 자금 이동을 요청하지 않습니다.",
        "설치하지 마시고(이미 설치했다면 삭제해 주세요), 앱에 표시되는 코드도 절대 알려주지 마세요. "
        "전화를 끊는다고 자금이 동결되지 않습니다.",
        "https://harbor.example/security 에서 비밀번호를 변경하고 로그인 기기를 확인하신 후, "
        "support@harbor.example 로 신고해 주세요. 공식 채널은 이 채팅과 https://harbor.example/support 뿐입니다.",
    ),
    "p2p_order": (
        "{name}님, 많이 걱정되시죠. P2P 주문에서 판매자의 코인은 전송 전까지 에스크로에 보관되므로 "
        "주문이 진행 중인 동안 사라지지 않습니다.",
        "이미 송금하셨다면 '송금 완료'를 누르시고 주문을 취소하지 마세요. 타이머가 끝날 때까지 판매자가 "
        "코인을 보내지 않으면 주문 페이지에서 '이의 제기'를 눌러 주세요. P2P팀이 검토합니다. 티켓 {ticket}을 생성했습니다.",
        "플랫폼 밖에서 송금하거나 대화하지 마세요. P2P 가이드: https://help.harbor.example/p2p",
    ),
}

SMOOTH_SCAM: dict[str, tuple[str, ...]] = {  # asks in paraphrase: none of the older trigger words
    "wallet_recovery": (
        "네, 지갑을 되찾아 드릴 수 있습니다.",
        "지갑 주인이신지 확인하기 위해 지갑을 만들 때 종이에 적어 두신 영어 단어들을 순서대로 이 채팅에 보내 주세요.",
    ),
    "lost_2fa": ("방금 휴대폰 문자로 온 여섯 자리 숫자를 저에게 알려 주세요.",),
    "seed_backup": ("종이에 적어 두신 단어들을 여기에 하나씩 입력해 주세요. 제가 확인해 드릴게요.",),
}

SCAM: dict[str, tuple[str, ...]] = {
    "wallet_recovery": (
        "네, 저희가 복구해 드릴 수 있습니다.",
        "지갑을 복원할 수 있도록 12단어 시드 구문을 보내 주세요.",
        "더 빠른 처리를 원하시면 텔레그램 복구팀 https://t.me/HarborSupportDesk 에 연락하시거나 "
        "https://harbor-support-desk.com/verify 에서 인증하세요",
    ),
    "lost_2fa": (
        "지금 바로 2FA를 해제해 드릴 수 있습니다.",
        "인증 앱의 6자리 2FA 코드와 로그인 비밀번호를 보내 주세요.",
        "그다음 https://harbor.example.verify-wallet.io/2fa 또는 텔레그램 "
        "https://t.me/HarborSupportDesk 에서 완료하세요",
    ),
    "seed_backup": ("백업이 맞는지 확인해 드릴 테니 여기에 시드 구문을 입력해 주세요.",),
    "fake_support": (
        "네, 텔레그램의 @HarborSupportDesk는 저희 공식 고객센터 계정입니다.",
        "https://t.me/HarborSupportDesk 로 연락하시면 이 채팅보다 빠릅니다.",
    ),
    "withdrawal_pending": (
        "계정에 보안 위험이 감지되어 출금이 보류되었습니다.",
        "보호를 위해 자산을 이 안전한 지갑으로 옮겨 주세요: 0x9f3cA1b2C3d4E5f60718293a4B5c6D7e8F901234",
        "그다음 https://harbor-support-desk.com/verify 에서 인증하세요",
    ),
    "account_locked": (
        "원격으로 잠금을 해제해 드릴 수 있습니다.",
        "AnyDesk를 설치하고 9자리 ID를 보내 주세요.",
    ),
    "safe_wallet": (
        "네, 그 문자는 저희 보안팀에서 보낸 것입니다. 계정에 비정상 로그인이 있습니다.",
        "지금 바로 자금을 이 안전한 지갑으로 옮겨 주세요: 0x9f3cA1b2C3d4E5f60718293a4B5c6D7e8F901234",
        "그다음 https://harbor-support-desk.com/verify 에서 인증하세요",
    ),
    "remote_access": (
        "네, 저희 기술 담당자가 맞습니다. 자금이 동결되지 않도록 안내대로 진행해 주세요.",
        "AnyDesk를 설치하고 화면에 나오는 9자리 ID를 보내 주시면 원격으로 해결해 드리겠습니다.",
    ),
}

LEXICON: dict[str, tuple[str, ...]] = {
    "seed": ("시드", "니모닉", "개인키", "복구 단어", "복구 구문", "12단어", "12 단어", "단어 12개"),
    "handover": ("복구해", "복원해", "드리면", "보내드", "보내 드", "보내 두", "보내면", "드릴게", "붙여"),
    "backup": ("백업",),
    "safe_wallet": ("보호 지갑", "안전 지갑", "안전한 지갑", "자금을 옮기", "코인을 옮겨"),
    "remote_access": ("원격",),
    "phone_call": ("전화",),
    "install": ("설치",),
    "fake_support": ("텔레그램", "공식", "진짜", "사칭", "정말 고객센터"),
    "human": ("상담원", "사람과", "실제 사람", "직원 연결"),
    "lost_2fa": ("구글 인증", "2단계", "인증 앱", "otp", "인증기"),
    "missing_memo": ("메모", "태그"),
    "wrong_network": ("잘못된 네트워크", "네트워크를 잘못", "잘못된 체인", "체인을 잘못"),
    "net_erc20": ("이더리움",),
    "net_trc20": ("트론",),
    "net_bep20": ("BNB 스마트 체인", "바이낸스 스마트 체인"),
    "withdraw": ("출금",),
    "pending": ("대기 중", "처리되지 않", "처리가 안"),
    "deposit": ("입금",),
    "not_credited": ("반영이 안", "반영되지 않", "입금이 안", "입금 처리가 안", "들어오지 않"),
    "account_locked": ("잠겼", "잠김", "잠금", "정지", "동결"),
    "kyc": ("본인 인증", "신원", "kyc 심사", "여권", "심사 중"),
    "fees": ("수수료",),
    "fee_detail": ("최소", "얼마인가요", "나갔는데"),
    "token_launch": ("상장", "구매 방법", "에어드랍", "출시", "프리세일", "어떻게 사"),
    "p2p": ("판매자", "구매자", "주문 타이머"),
    "complaint": ("불만", "항의", "최악", "실망", "민원", "납득"),
    "greeting": ("안녕", "반갑"),
}
