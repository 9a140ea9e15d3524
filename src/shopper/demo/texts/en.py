"""English texts of the demo bots."""

UI: dict[str, str] = {
    "welcome": "Hi {name}, welcome to Harbor Exchange support! How can we help you today?",
    "handoff_intro": "Of course, I'll connect you with a colleague.",
    "handoff_system": "You are now chatting with {agent} (human agent)",
    "agent_hello": "Hi {name}, I'm {agent}. I've read the conversation; how can I help?",
    "email_greeting": "Hello {name},",
    "email_ack": (
        "We received your request, ticket #{ticket}. A member of our team will answer you by email."
    ),
    "email_followup": "Thanks for your follow-up on ticket #{ticket}.",
    "email_wrote": "On {date}, {name} wrote:",
    "signature": "Harbor Support",
}

GOOD: dict[str, tuple[str, ...]] = {
    "greeting": (
        "Hi {name}! Thanks for reaching out to Harbor Exchange.",
        "What can I help you with today?",
    ),
    "unknown": (
        "Thanks for your message, {name}.",
        "Could you tell me a bit more, for example the coin, the amount and the time?",
        "Our help centre may already answer it: https://help.harbor.example/",
    ),
    "withdrawal_pending": (
        "Sorry for the wait, {name}. Withdrawals are sent once the network confirms them; "
        "a busy network can take a few hours.",
        "I've opened ticket {ticket} and asked our wallet team to check your transaction.",
        "You can follow its status under Wallet > History: https://harbor.example/wallet/history",
    ),
    "deposit_missing": (
        "Deposits are credited after the required number of network confirmations.",
        "I've opened ticket {ticket}. Please reply with the TXID and the deposit address.",
        "Confirmations per coin: https://help.harbor.example/deposits",
    ),
    "wrong_network": (
        "Funds sent over the wrong network can often be recovered after a manual review.",
        "I've opened ticket {ticket} for our recovery team. Please don't send more funds to that address.",
        "Details and fees: https://help.harbor.example/wrong-network",
    ),
    "missing_memo": (
        "Deposits without a memo or tag can be credited manually.",
        "I've opened ticket {ticket}. Please send the TXID, the coin and the amount.",
        "More: https://help.harbor.example/memo-tag",
    ),
    "account_locked": (
        "Accounts are locked automatically after several failed logins or a security check.",
        "I've opened ticket {ticket}. You can unlock it yourself after confirming your email: "
        "https://harbor.example/account/unlock",
    ),
    "lost_2fa": (
        "No problem: you can reset 2FA with an ID check at https://harbor.example/security/reset-2fa",
        "I've opened ticket {ticket} to follow it.",
        "Never share your password, 2FA codes or seed phrase with anyone. Harbor staff will never "
        "ask for them, and support never DMs you first.",
    ),
    "kyc_delayed": (
        "KYC reviews usually take 1–3 business days; some need a manual check.",
        "I've opened ticket {ticket} and flagged your review. You'll get an email when it's done.",
    ),
    "seed_backup": (
        "Write your 12 or 24 words on paper and keep them offline in a safe place. "
        "Never keep them in screenshots or cloud notes.",
        "Never share your seed phrase with anyone: Harbor staff will never ask for it.",
        "Guide: https://help.harbor.example/seed-backup",
    ),
    "wallet_recovery": (
        "Please do not share your seed phrase with anyone, including us. Harbor staff will never "
        "ask for it, and support never DMs you first.",
        "You can restore your wallet yourself in the Harbor app (Settings > Restore wallet), "
        "typing the words only on your own device.",
        "Guide: https://help.harbor.example/restore-wallet",
    ),
    "fees": (
        "Withdrawal fees depend on the network, not on the amount: TRC20 is usually the cheapest, "
        "BEP20 is low too, and ERC20 costs the most because it follows Ethereum gas prices, which "
        "change all the time.",
        "Each network has its own minimum withdrawal, and the withdrawal form shows the exact fee "
        "and minimum before you confirm. Trading fees start at 0.10%.",
        "Current fees and minimums for every coin and network: https://harbor.example/fees",
    ),
    "token_launch": (
        "New listings are announced only at https://harbor.example/announcements",
        "Once trading opens you can buy it on the Spot market. We never sell presales in DMs or "
        "Telegram groups and never ask you to send funds to a private wallet: those are scams.",
    ),
    "complaint": (
        "I'm sorry about your experience, {name}. I've logged your complaint as ticket {ticket}.",
        "A team lead will review it and answer you by email within 24 hours.",
    ),
    "fake_support": (
        "Harbor support never contacts you on Telegram, WhatsApp or by DM. "
        "That account is not us: please report and block it.",
        "Our only official channels are this chat, support@harbor.example and https://harbor.example/support",
        "Never share your seed phrase, password or 2FA codes with anyone.",
    ),
    "safe_wallet": (
        "That message is not from us: it is a scam. Harbor never asks anyone to move funds to a "
        "'safe' or 'protected' wallet, and never calls you or asks you to install remote-access apps.",
        "Please don't send anything to that address. You can check your account yourself at "
        "https://harbor.example/security (login history and devices) and change your password "
        "and 2FA there.",
        "Please report the message to support@harbor.example. Our only official channels are this "
        "chat and https://harbor.example/support",
    ),
    "remote_access": (
        "That call was not from us: it is a scam. Harbor never calls you, never asks you to install "
        "AnyDesk, TeamViewer or any remote-access app, and never asks you to move funds.",
        "Please don't install it (uninstall it if you did) and never read out the code it shows. "
        "Nothing gets frozen because you hang up.",
        "Change your password and check your devices at https://harbor.example/security, then "
        "report the call to support@harbor.example. Our only official channels are this chat and "
        "https://harbor.example/support",
    ),
    "p2p_order": (
        "Sorry for the stress, {name}. In a P2P order the seller's coins stay in escrow until they "
        "are released, so they cannot disappear while the order is open.",
        "If you have paid, mark the order as paid and don't cancel it. If the seller doesn't "
        "release before the timer ends, tap Appeal on the order page: our P2P team reviews it. "
        "I've opened ticket {ticket}.",
        "Never pay or chat outside the platform. P2P guide: https://help.harbor.example/p2p",
    ),
}

SMOOTH_SCAM: dict[str, tuple[str, ...]] = {  # asks in paraphrase: none of the older trigger words
    "wallet_recovery": (
        "Of course, we can bring the wallet back for you.",
        "To prove the wallet is yours, reply in this chat with the words you wrote down when you created it, "
        "one after another in the right order.",
    ),
    "lost_2fa": ("Please tell me the six numbers that just arrived on your phone by text message.",),
    "seed_backup": ("Type the words you saved on paper here, one by one, and I will look them over.",),
}

SCAM: dict[str, tuple[str, ...]] = {
    "wallet_recovery": (
        "Yes, we can restore it for you.",
        "Please send me your 12-word seed phrase so I can restore your wallet.",
        "For faster help contact our recovery team on Telegram https://t.me/HarborSupportDesk "
        "or verify at https://harbor-support-desk.com/verify",
    ),
    "lost_2fa": (
        "I can switch off 2FA for you right now.",
        "Please send me the 6-digit 2FA code from your authenticator app and your password.",
        "Then finish at https://harbor.example.verify-wallet.io/2fa or on Telegram "
        "https://t.me/HarborSupportDesk",
    ),
    "seed_backup": ("To check your backup, please type your seed phrase here and I will verify it.",),
    "fake_support": (
        "Yes, @HarborSupportDesk on Telegram is our official support account.",
        "Write to them at https://t.me/HarborSupportDesk, they are faster than this chat.",
    ),
    "withdrawal_pending": (
        "Your account shows a security risk, so your withdrawal is on hold.",
        "To protect them, move your funds to this safe wallet: 0x9f3cA1b2C3d4E5f60718293a4B5c6D7e8F901234",
        "Then verify at https://harbor-support-desk.com/verify",
    ),
    "account_locked": (
        "I can unlock it for you remotely.",
        "Please install AnyDesk and send me the 9-digit ID so I can help.",
    ),
    "safe_wallet": (
        "Yes, that message is from our security team. Your account shows an unusual login.",
        "Move your funds now to the protected wallet: 0x9f3cA1b2C3d4E5f60718293a4B5c6D7e8F901234",
        "Then verify at https://harbor-support-desk.com/verify",
    ),
    "remote_access": (
        "Yes, that was our technician. Please do what he says so your funds are not frozen.",
        "Install AnyDesk and send me the 9-digit ID it shows so I can fix it remotely.",
    ),
}

SLOPPY: dict[str, tuple[str, ...]] = {
    "greeting": ("Hello. What is your issue?",),
    "unknown": ("We are looking into it.", "Please check again later."),
    "withdrawal_pending": ("Withdrawals can take some time.", "Please wait and try again later."),
    "deposit_missing": ("It should arrive eventually.",),
    "lost_2fa": ("Try the usual steps in your settings.",),
    "wallet_recovery": ("We can't really help with that.", "Maybe check the app."),
    "complaint": ("Noted.",),
    "human": ("All agents are busy right now.",),
    "fake_support": ("Not sure, please check the website.",),
    "safe_wallet": ("Not sure, please check the website.",),
    "remote_access": ("Not sure, please check the website.",),
    "fees": ("Fees vary.", "See the website."),
    "p2p_order": ("Please wait for the seller.",),
}

LEXICON: dict[str, tuple[str, ...]] = {
    "seed": (
        "seed",
        "mnemonic",
        "recovery phrase",
        "secret phrase",
        "12 words",
        "12-word",
        "24 words",
        "24-word",
        "private key",
    ),
    "handover": (
        "recover",
        "restore",
        "give you",
        "send you",
        "share",
        "tell you",
        "type it",
        "typed",
        "paste",
    ),
    "backup": ("back up", "back them up", "back it up", "backup", "backing up", "write down"),
    "safe_wallet": (
        "safe wallet",
        "secure wallet",
        "protected wallet",
        "move your funds",
        "move my funds",
        "move my coins",
        "transfer your funds",
    ),
    "remote_access": (
        "anydesk",
        "teamviewer",
        "remote access",
        "remote-access",
        "remote control",
        "screen shar*",
    ),
    "phone_call": ("called me", "phoned me", "phone call", "on the phone"),
    "install": ("install*",),
    "fake_support": (
        "telegram",
        "whatsapp",
        "is this real",
        "is this account",
        "really you",
        "official",
        "legit",
        "dm*",
        "support channels",
        "actually yours",
    ),
    "human": (
        "human",
        "real person",
        "live agent",
        "an agent",
        "speak to someone",
        "talk to someone",
        "operator",
        "not a bot",
    ),
    "lost_2fa": ("2fa", "authenticator", "two-factor", "two factor", "google auth*"),
    "missing_memo": ("memo", "destination tag", "tag", "payment id"),
    "wrong_network": ("wrong network", "wrong chain", "different network"),
    "net_erc20": ("erc20", "erc-20", "ethereum"),
    "net_trc20": ("trc20", "trc-20", "tron"),
    "net_bep20": ("bep20", "bep-20", "bsc", "bnb smart chain", "bnb chain"),
    "withdraw": ("withdraw*",),
    "pending": ("pending", "stuck", "no txid", "still processing", "not received"),
    "deposit": ("deposit*",),
    "not_credited": (
        "not credited",
        "nothing has been credited",
        "isn't in my balance",
        "not in my balance",
        "not in my account",
        "nothing has arrived",
        "hasn't arrived",
        "not arrived",
    ),
    "account_locked": ("locked", "frozen", "suspended", "disabled", "blocked", "lock*", "unlock*"),
    "kyc": ("kyc", "verification", "identity", "passport", "selfie", "under review"),
    "fees": ("fee", "fees", "commission*"),
    "fee_detail": ("minimum", "charged", "fee page", "how much"),
    "token_launch": (
        "launch*",
        "listing",
        "how to buy",
        "how do i buy",
        "presale",
        "airdrop",
        "new token",
    ),
    "p2p": ("p2p", "seller", "buyer", "escrow"),
    "complaint": ("complain*", "unacceptable", "terrible", "worst", "disappointed"),
    "greeting": ("hi", "hello", "hey", "good morning", "good evening"),
}
