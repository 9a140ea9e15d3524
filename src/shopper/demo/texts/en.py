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
        "Never share your 2FA codes or seed phrase with anyone. Harbor staff will never ask for "
        "them, and support never DMs you first.",
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
        "Trading fees start at 0.10%; withdrawal fees depend on the coin and the network.",
        "The full table: https://harbor.example/fees",
    ),
    "token_launch": (
        "New listings are announced only at https://harbor.example/announcements",
        "Once trading opens you can buy on the Spot market. Presales offered by DM are scams.",
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
        "To protect your funds, move them to this safe wallet: 0x9f3cA1b2C3d4E5f60718293a4B5c6D7e8F901234",
        "Then verify at https://harbor-support-desk.com/verify",
    ),
    "account_locked": (
        "I can unlock it for you remotely.",
        "Please install AnyDesk and send me the 9-digit ID so I can help.",
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
    "handover": ("recover*", "restor*", "give you", "send you", "share", "tell you", "type it"),
    "fake_support": (
        "telegram",
        "whatsapp",
        "is this real",
        "is this account",
        "official",
        "legit",
        "dm*",
    ),
    "human": (
        "human",
        "real person",
        "live agent",
        "an agent",
        "speak to someone",
        "talk to someone",
        "operator",
    ),
    "lost_2fa": ("2fa", "authenticator", "two-factor", "two factor", "google auth*"),
    "missing_memo": ("memo", "destination tag", "tag", "payment id"),
    "wrong_network": (
        "wrong network",
        "wrong chain",
        "bep20",
        "erc20",
        "trc20",
        "different network",
    ),
    "withdrawal_pending": ("withdraw*",),
    "deposit_missing": ("deposit*", "not credited"),
    "account_locked": ("locked", "frozen", "suspended", "disabled", "blocked", "lock*"),
    "kyc_delayed": ("kyc", "verification", "identity"),
    "fees": ("fee*", "commission*"),
    "token_launch": (
        "launch*",
        "listing",
        "how to buy",
        "how do i buy",
        "presale",
        "airdrop",
        "new token",
    ),
    "complaint": ("complain*", "unacceptable", "terrible", "worst", "disappointed"),
    "greeting": ("hi", "hello", "hey", "good morning", "good evening"),
}
