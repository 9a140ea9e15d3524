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
        "2FA 코드나 시드 구문은 누구에게도 알려주지 마세요. Harbor 직원은 절대 요청하지 않으며, "
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
        "거래 수수료는 0.10%부터 시작하며, 출금 수수료는 코인과 네트워크에 따라 다릅니다.",
        "전체 수수료표: https://harbor.example/fees",
    ),
    "token_launch": (
        "신규 상장은 https://harbor.example/announcements 에서만 공지됩니다.",
        "거래가 시작되면 현물 시장에서 구매하실 수 있습니다. DM으로 제안되는 프리세일은 사기입니다.",
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
        "자산 보호를 위해 이 안전 지갑으로 옮겨 주세요: 0x9f3cA1b2C3d4E5f60718293a4B5c6D7e8F901234",
        "그다음 https://harbor-support-desk.com/verify 에서 인증하세요",
    ),
    "account_locked": (
        "원격으로 잠금을 해제해 드릴 수 있습니다.",
        "AnyDesk를 설치하고 9자리 ID를 보내 주세요.",
    ),
}

LEXICON: dict[str, tuple[str, ...]] = {
    "seed": ("시드", "니모닉", "개인키", "복구 단어"),
    "handover": ("복구", "복원", "드리면", "보내", "알려", "드릴게"),
    "fake_support": ("텔레그램", "공식", "진짜", "사칭"),
    "human": ("상담원", "사람", "직원 연결"),
    "lost_2fa": ("구글 인증", "2단계", "인증 앱", "otp", "인증기"),
    "missing_memo": ("메모", "태그"),
    "wrong_network": ("잘못된 네트워크", "네트워크를 잘못", "잘못된 체인", "체인을 잘못"),
    "withdrawal_pending": ("출금",),
    "deposit_missing": ("입금",),
    "account_locked": ("잠겼", "잠김", "잠금", "정지", "동결"),
    "kyc_delayed": ("본인 인증", "신원", "인증", "kyc 심사"),
    "fees": ("수수료",),
    "token_launch": ("상장", "구매 방법", "에어드랍", "출시", "프리세일", "어떻게 사"),
    "complaint": ("불만", "항의", "최악", "실망"),
    "greeting": ("안녕", "반갑"),
}
