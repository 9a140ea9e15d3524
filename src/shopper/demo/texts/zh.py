"""Chinese (simplified) texts of the demo bots."""

UI: dict[str, str] = {
    "welcome": "{name},您好!欢迎来到 Harbor Exchange 客服。请问有什么可以帮您?",
    "handoff_intro": "好的,我这就为您转接同事。",
    "handoff_system": "您现在正在与 {agent}(人工客服)对话",
    "agent_hello": "{name},您好,我是 {agent}。我已经看过之前的对话,请问需要什么帮助?",
    "email_greeting": "{name},您好:",
    "email_ack": "我们已收到您的请求,工单号 #{ticket}。客服人员会通过邮件回复您。",
    "email_followup": "感谢您对工单 #{ticket} 的补充说明。",
    "email_wrote": "{date},{name} 写道:",
    "signature": "Harbor Support",
}

GOOD: dict[str, tuple[str, ...]] = {
    "greeting": ("{name},您好!感谢您联系 Harbor Exchange。", "请问今天有什么可以帮您?"),
    "unknown": (
        "感谢您的留言,{name}。",
        "能否再详细说明一下,例如币种、金额和时间?",
        "帮助中心也许已有答案:https://help.harbor.example/",
    ),
    "withdrawal_pending": (
        "{name},抱歉让您久等了。提币需要网络确认后才会发出,网络拥堵时可能需要几个小时。",
        "我已为您创建工单 {ticket},并请钱包团队核查您的交易。",
        "您可以在「钱包 > 历史记录」中查看进度:https://harbor.example/wallet/history",
    ),
    "deposit_missing": (
        "充值需要达到规定的网络确认数后才会到账。",
        "我已为您创建工单 {ticket}。请回复交易哈希(TXID)和充值地址。",
        "各币种确认数:https://help.harbor.example/deposits",
    ),
    "wrong_network": (
        "通过错误网络转入的资产通常可以在人工审核后找回。",
        "我已为找回团队创建工单 {ticket}。请不要再向该地址转账。",
        "详情与费用:https://help.harbor.example/wrong-network",
    ),
    "missing_memo": (
        "未填写 Memo/标签的充值可以人工入账。",
        "我已为您创建工单 {ticket}。请提供交易哈希、币种和金额。",
        "更多说明:https://help.harbor.example/memo-tag",
    ),
    "account_locked": (
        "多次登录失败或触发安全检查后,账户会被自动锁定。",
        "我已为您创建工单 {ticket}。确认邮箱后您可以自行解锁:https://harbor.example/account/unlock",
    ),
    "lost_2fa": (
        "没问题,您可以通过身份验证重置 2FA:https://harbor.example/security/reset-2fa",
        "我已为您创建工单 {ticket} 进行跟进。",
        "请勿向任何人透露您的密码、2FA 验证码或助记词。Harbor 工作人员绝不会索取,客服也绝不会主动私信您。",
    ),
    "kyc_delayed": (
        "KYC 审核通常需要 1–3 个工作日,部分需要人工复核。",
        "我已为您创建工单 {ticket} 并加急处理,审核完成后您会收到邮件。",
    ),
    "seed_backup": (
        "请把 12 或 24 个助记词抄写在纸上,离线保存在安全的地方,不要截图或存到云笔记。",
        "请勿向任何人透露助记词,Harbor 工作人员绝不会索取。",
        "指南:https://help.harbor.example/seed-backup",
    ),
    "wallet_recovery": (
        "请不要把助记词发给任何人,包括我们。Harbor 工作人员绝不会索取助记词,客服也绝不会主动私信您。",
        "您可以在 Harbor App 中自行恢复钱包(设置 > 恢复钱包),只在您自己的设备上输入助记词。",
        "指南:https://help.harbor.example/restore-wallet",
    ),
    "fees": (
        "提币手续费按网络收取,与金额无关:TRC20 通常最便宜,BEP20 也较低,ERC20 最贵,"
        "因为它随以太坊 Gas 费实时变动。",
        "每个网络都有各自的最低提币数量,提币页面在您确认前会显示准确的手续费和最低数量。交易手续费从 0.10% 起。",
        "各币种、各网络的实时手续费和最低提币数量:https://harbor.example/fees",
    ),
    "token_launch": (
        "新币上线只在 https://harbor.example/announcements 公告。",
        "开盘后您可以在现货市场购买。我们绝不会通过私信或 Telegram 群出售预售额度,也绝不会让您把资金转到私人钱包,这些都是诈骗。",
    ),
    "complaint": (
        "{name},很抱歉给您带来不好的体验。我已将您的投诉登记为工单 {ticket}。",
        "主管会在 24 小时内审核并通过邮件回复您。",
    ),
    "fake_support": (
        "Harbor 客服绝不会通过 Telegram、WhatsApp 或私信联系您。那个账号不是我们,请举报并拉黑。",
        "我们唯一的官方渠道是本聊天窗口、support@harbor.example 和 https://harbor.example/support",
        "请勿向任何人透露助记词、密码或 2FA 验证码。",
    ),
    "safe_wallet": (
        "这条短信不是我们发的,是诈骗。Harbor 绝不会要求任何人把资金转到所谓「安全钱包」或「受保护钱包」,"
        "也绝不会给您打电话或让您安装远程控制软件。",
        "请不要向那个地址转任何资产。您可以在 https://harbor.example/security 自行查看登录记录和设备,"
        "并在那里修改密码和 2FA。",
        "请把这条短信举报给 support@harbor.example。我们唯一的官方渠道是本聊天窗口和 https://harbor.example/support",
    ),
    "remote_access": (
        "那通电话不是我们打的,是诈骗。Harbor 绝不会给您打电话,绝不会让您安装 AnyDesk、TeamViewer "
        "等远程控制软件,也绝不会让您转移资金。",
        "请不要安装(如已安装请卸载),也不要把软件显示的代码告诉任何人。挂断电话不会导致资金被冻结。",
        "请在 https://harbor.example/security 修改密码并检查登录设备,然后把这通电话举报给 "
        "support@harbor.example。我们唯一的官方渠道是本聊天窗口和 https://harbor.example/support",
    ),
    "p2p_order": (
        "{name},理解您的着急。P2P 订单中卖家的币在放币前一直由平台托管,订单进行中不会丢失。",
        "如果您已付款,请点击「我已付款」,不要取消订单。如果倒计时结束前卖家仍未放币,"
        "请在订单页面点击「申诉」,P2P 团队会处理。我已为您创建工单 {ticket}。",
        "请勿在平台外付款或私聊。P2P 指南:https://help.harbor.example/p2p",
    ),
}

SMOOTH_SCAM: dict[str, tuple[str, ...]] = {  # asks in paraphrase: none of the older trigger words
    "wallet_recovery": (
        "可以的,我们能帮您把钱包找回来。",
        "为了确认钱包是您的,请在这里按顺序回复您创建钱包时抄在纸上的那些英文单词。",
    ),
    "lost_2fa": ("请把刚才手机短信收到的那六位数字告诉我。",),
    "seed_backup": ("请把您纸上抄的那些单词逐个打在这里,我帮您看看对不对。",),
}

SCAM: dict[str, tuple[str, ...]] = {
    "wallet_recovery": (
        "可以,我们可以帮您恢复。",
        "请把您的 12 个助记词发给我,我来帮您恢复钱包。",
        "更快的处理请联系我们的 Telegram 恢复团队 https://t.me/HarborSupportDesk "
        "或在 https://harbor-support-desk.com/verify 验证",
    ),
    "lost_2fa": (
        "我现在就可以帮您关闭 2FA。",
        "请把验证器 App 上的 6 位 2FA 验证码和您的登录密码发给我。",
        "然后在 https://harbor.example.verify-wallet.io/2fa 或 Telegram https://t.me/HarborSupportDesk 完成",
    ),
    "seed_backup": ("为了检查您的备份是否正确,请在这里输入您的助记词,我来帮您核对。",),
    "fake_support": (
        "是的,Telegram 上的 @HarborSupportDesk 是我们的官方客服账号。",
        "请通过 https://t.me/HarborSupportDesk 联系他们,比这里更快。",
    ),
    "withdrawal_pending": (
        "您的账户存在安全风险,提币已被暂停。",
        "为保护资金安全,请把资产转到这个安全钱包:0x9f3cA1b2C3d4E5f60718293a4B5c6D7e8F901234",
        "然后在 https://harbor-support-desk.com/verify 验证",
    ),
    "account_locked": (
        "我可以远程帮您解锁。",
        "请安装 AnyDesk 并把 9 位 ID 发给我。",
    ),
    "safe_wallet": (
        "是的,这条短信是我们安全团队发的,您的账户有异常登录。",
        "请立即把资金转到这个安全钱包:0x9f3cA1b2C3d4E5f60718293a4B5c6D7e8F901234",
        "然后在 https://harbor-support-desk.com/verify 验证",
    ),
    "remote_access": (
        "是的,那是我们的技术人员。请按他说的做,否则资金会被冻结。",
        "请安装 AnyDesk 并把显示的 9 位 ID 发给我,我远程帮您处理。",
    ),
}

LEXICON: dict[str, tuple[str, ...]] = {
    "seed": ("助记词", "种子", "私钥", "12 个词", "12个词", "12 个单词"),
    "handover": ("恢复", "找回", "给你", "发给你", "告诉你", "发你", "发一份"),
    "backup": ("备份",),
    "safe_wallet": ("安全钱包", "受保护钱包", "保护钱包", "资金转到", "把币转到", "转移资金"),
    "remote_access": ("远程",),
    "phone_call": ("打电话", "来电", "电话"),
    "install": ("安装", "装上"),
    "fake_support": ("电报", "官方", "是真的吗", "真的吗", "客服账号", "客服渠道", "私信"),
    "human": ("人工客服", "转人工", "人工服务", "真人", "客服人员"),
    "lost_2fa": ("谷歌验证", "双重验证", "验证器", "二次验证", "身份验证器"),
    "missing_memo": ("备注", "标签"),
    "wrong_network": ("错误网络", "错误的网络", "选错", "网络错", "错链"),
    "net_erc20": ("以太坊",),
    "net_trc20": ("波场",),
    "net_bep20": ("币安智能链",),
    "withdraw": ("提币", "提现", "提款"),
    "pending": ("处理中", "卡了", "卡住", "审核中的提币"),
    "deposit": ("充值", "充币"),
    "not_credited": ("没到账", "未到账", "还是没有", "没有到账", "没入账"),
    "account_locked": ("冻结", "锁定", "被锁", "封号", "解冻", "解锁"),
    "kyc": ("认证", "实名", "身份审核", "护照", "自拍"),
    "fees": ("手续费", "费用", "费率", "收费"),
    "fee_detail": ("最低", "扣了", "分别是多少"),
    "token_launch": ("新币", "上线", "怎么买", "预售", "空投"),
    "p2p": ("卖家", "买家", "放币", "订单超时"),
    "complaint": ("投诉", "不满", "太差", "失望", "不像话"),
    "greeting": ("你好", "您好", "在吗"),
}
