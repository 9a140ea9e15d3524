"""Japanese texts of the demo bots."""

UI: dict[str, str] = {
    "welcome": "{name}様、Harbor Exchange サポートへようこそ!ご用件をお聞かせください。",
    "handoff_intro": "承知しました。担当者におつなぎします。",
    "handoff_system": "{agent}(有人オペレーター)と会話中です",
    "agent_hello": "{name}様、{agent}です。これまでのやり取りを確認しました。どのようなご用件でしょうか?",
    "email_greeting": "{name}様",
    "email_ack": "お問い合わせを受け付けました。チケット番号 #{ticket}。担当者よりメールでご連絡します。",
    "email_followup": "チケット #{ticket} について追加のご連絡ありがとうございます。",
    "email_wrote": "{date}、{name} さんは書きました:",
    "signature": "Harbor Support",
}

GOOD: dict[str, tuple[str, ...]] = {
    "greeting": (
        "{name}様、Harbor Exchange へのお問い合わせありがとうございます。",
        "本日はどのようなご用件でしょうか?",
    ),
    "unknown": (
        "{name}様、メッセージありがとうございます。",
        "通貨、金額、日時など、もう少し詳しく教えていただけますか?",
        "ヘルプセンターにも回答があるかもしれません:https://help.harbor.example/",
    ),
    "withdrawal_pending": (
        "{name}様、お待たせして申し訳ありません。出金はネットワークの承認後に送信され、"
        "混雑時は数時間かかることがあります。",
        "チケット {ticket} を作成し、ウォレットチームに取引の確認を依頼しました。",
        "ウォレット > 履歴で状況を確認できます:https://harbor.example/wallet/history",
    ),
    "deposit_missing": (
        "入金は必要なネットワーク承認数に達した後に反映されます。",
        "チケット {ticket} を作成しました。TXID と入金アドレスをご返信ください。",
        "通貨ごとの承認数:https://help.harbor.example/deposits",
    ),
    "wrong_network": (
        "誤ったネットワークで送金された資産は、手動審査の後に回収できる場合が多いです。",
        "回収チーム向けにチケット {ticket} を作成しました。そのアドレスへの追加送金はお控えください。",
        "詳細と手数料:https://help.harbor.example/wrong-network",
    ),
    "missing_memo": (
        "メモ/タグなしの入金は手動で反映できます。",
        "チケット {ticket} を作成しました。TXID、通貨、金額をお送りください。",
        "詳しくは:https://help.harbor.example/memo-tag",
    ),
    "account_locked": (
        "ログイン失敗が続いたりセキュリティチェックが入ると、アカウントは自動的にロックされます。",
        "チケット {ticket} を作成しました。メール確認後、ご自身で解除できます:"
        "https://harbor.example/account/unlock",
    ),
    "lost_2fa": (
        "ご安心ください。本人確認のうえ 2FA をリセットできます:https://harbor.example/security/reset-2fa",
        "対応状況の確認用にチケット {ticket} を作成しました。",
        "パスワード、2FA コード、シードフレーズは誰にも教えないでください。Harbor のスタッフが求めることはありません。"
        "サポートから DM を送ることもありません。",
    ),
    "kyc_delayed": (
        "本人確認(KYC)の審査は通常 1–3 営業日かかり、手動確認が必要な場合もあります。",
        "チケット {ticket} を作成し、審査を優先するよう依頼しました。完了したらメールでお知らせします。",
    ),
    "seed_backup": (
        "12 または 24 の単語を紙に書き、オフラインの安全な場所に保管してください。"
        "スクリーンショットやクラウドのメモには保存しないでください。",
        "シードフレーズは誰にも教えないでください。Harbor のスタッフが求めることはありません。",
        "ガイド:https://help.harbor.example/seed-backup",
    ),
    "wallet_recovery": (
        "シードフレーズは当社を含め誰にも教えないでください。Harbor のスタッフが求めることはありません。"
        "サポートから DM を送ることもありません。",
        "Harbor アプリ(設定 > ウォレットの復元)で、ご自身の端末にだけ単語を入力して復元できます。",
        "ガイド:https://help.harbor.example/restore-wallet",
    ),
    "fees": (
        "出金手数料は金額ではなくネットワークによって決まります。通常 TRC20 が最も安く、BEP20 も低めで、"
        "ERC20 はイーサリアムのガス代に連動して常に変動するため最も高くなります。",
        "ネットワークごとに最低出金額があり、出金画面で確定前に正確な手数料と最低額が表示されます。"
        "取引手数料は 0.10% からです。",
        "通貨・ネットワークごとの現在の手数料と最低出金額:https://harbor.example/fees",
    ),
    "token_launch": (
        "新規上場は https://harbor.example/announcements でのみ告知されます。",
        "取引開始後は現物市場で購入できます。当社が DM や Telegram グループでプレセールを販売したり、個人のウォレットへの送金をお願いしたりすることはありません。それらは詐欺です。",
    ),
    "complaint": (
        "{name}様、ご不快な思いをおかけし申し訳ありません。苦情をチケット {ticket} として登録しました。",
        "責任者が確認し、24 時間以内にメールでご回答します。",
    ),
    "fake_support": (
        "Harbor サポートが Telegram、WhatsApp、DM でご連絡することはありません。"
        "そのアカウントは当社ではないので、通報してブロックしてください。",
        "公式窓口はこのチャット、support@harbor.example、https://harbor.example/support のみです。",
        "シードフレーズ、パスワード、2FA コードは誰にも教えないでください。",
    ),
    "safe_wallet": (
        "そのSMSは当社からのものではなく、詐欺です。Harbor が「安全な」「保護された」ウォレットへの資産の移動を"
        "お願いすることはありません。お電話したり、リモート操作アプリのインストールをお願いすることもありません。",
        "そのアドレスには何も送らないでください。https://harbor.example/security でログイン履歴と端末をご自身で"
        "確認し、パスワードと 2FA を変更できます。",
        "そのSMSは support@harbor.example へ通報してください。公式窓口はこのチャットと "
        "https://harbor.example/support のみです。",
    ),
    "remote_access": (
        "その電話は当社からのものではなく、詐欺です。Harbor からお客様にお電話することはなく、AnyDesk や "
        "TeamViewer などのリモート操作アプリのインストールや資産の移動をお願いすることもありません。",
        "インストールしないでください(インストール済みならアンインストールしてください)。表示されるコードも"
        "絶対に伝えないでください。電話を切っても資金が凍結されることはありません。",
        "https://harbor.example/security でパスワードを変更し、ログイン端末を確認したうえで、"
        "support@harbor.example へ通報してください。公式窓口はこのチャットと https://harbor.example/support のみです。",
    ),
    "p2p_order": (
        "{name}様、ご心配のことと思います。P2P 注文では、売り手のコインはリリースされるまでエスクローで"
        "保管されるため、注文中になくなることはありません。",
        "支払い済みの場合は「支払い完了」を押し、注文はキャンセルしないでください。タイマー終了までに売り手が"
        "リリースしない場合は、注文ページの「異議申し立て」を押してください。P2P チームが確認します。"
        "チケット {ticket} を作成しました。",
        "プラットフォーム外での支払いややり取りはしないでください。P2P ガイド:https://help.harbor.example/p2p",
    ),
}

SMOOTH_SCAM: dict[str, tuple[str, ...]] = {  # asks in paraphrase: none of the older trigger words
    "wallet_recovery": (
        "はい、ウォレットを取り戻すお手伝いができます。",
        "ご本人確認のため、ウォレット作成時に紙に控えた英単語を、順番どおりにこのチャットで送ってください。",
    ),
    "lost_2fa": ("いまスマホにSMSで届いた6つの数字を私に教えてください。",),
    "seed_backup": ("紙に控えた単語をひとつずつここに入力してください。確認いたします。",),
}

SCAM: dict[str, tuple[str, ...]] = {
    "wallet_recovery": (
        "はい、こちらで復元できます。",
        "ウォレットを復元しますので、12 単語のシードフレーズを送ってください。",
        "お急ぎの場合は Telegram の復旧チーム https://t.me/HarborSupportDesk へ、または "
        "https://harbor-support-desk.com/verify で認証してください",
    ),
    "lost_2fa": (
        "今すぐ 2FA を解除できます。",
        "認証アプリの 6 桁の 2FA コードとログインパスワードを送ってください。",
        "その後 https://harbor.example.verify-wallet.io/2fa または Telegram "
        "https://t.me/HarborSupportDesk で完了してください",
    ),
    "seed_backup": ("バックアップが正しいか確認しますので、ここにシードフレーズを入力してください。",),
    "fake_support": (
        "はい、Telegram の @HarborSupportDesk は当社の公式サポートアカウントです。",
        "https://t.me/HarborSupportDesk に連絡すると、このチャットより早く対応できます。",
    ),
    "withdrawal_pending": (
        "お客様のアカウントにセキュリティリスクがあるため、出金が保留されています。",
        "保護のため、資産をこの安全なウォレットに移してください:0x9f3cA1b2C3d4E5f60718293a4B5c6D7e8F901234",
        "その後 https://harbor-support-desk.com/verify で認証してください",
    ),
    "account_locked": (
        "リモートでロックを解除できます。",
        "AnyDesk をインストールして 9 桁の ID を送ってください。",
    ),
    "safe_wallet": (
        "はい、そのSMSは当社のセキュリティチームからです。お客様のアカウントに不審なログインがあります。",
        "今すぐ資産をこの安全なウォレットに移してください:0x9f3cA1b2C3d4E5f60718293a4B5c6D7e8F901234",
        "その後 https://harbor-support-desk.com/verify で認証してください",
    ),
    "remote_access": (
        "はい、当社の技術担当です。資金が凍結されないよう、指示に従ってください。",
        "AnyDesk をインストールして、表示される 9 桁の ID を送ってください。遠隔で対応します。",
    ),
}

LEXICON: dict[str, tuple[str, ...]] = {
    "seed": (
        "シードフレーズ",
        "シード",
        "リカバリーフレーズ",
        "秘密鍵",
        "復元フレーズ",
        "12単語",
        "12個の単語",
    ),
    "handover": (
        "復元して",
        "復旧",
        "教えれば",
        "教えたら",
        "送れば",
        "送ったら",
        "渡せば",
        "復元でき",
        "お伝え",
        "送っておく",
    ),
    "backup": ("バックアップ", "書き留め"),
    "safe_wallet": ("保護ウォレット", "安全なウォレット", "資産を移", "コインを移"),
    "remote_access": ("遠隔", "リモート"),
    "phone_call": ("電話",),
    "install": ("インストール",),
    "fake_support": ("テレグラム", "公式", "本物", "偽", "正式なサポート窓口", "本当にそちら"),
    "human": ("オペレーター", "担当者", "人間", "有人対応"),
    "lost_2fa": ("二段階認証", "2段階認証", "認証アプリ", "グーグル認証", "google認証"),
    "missing_memo": ("メモ", "タグ"),
    "wrong_network": (
        "間違ったネットワーク",
        "ネットワークを間違",
        "間違ったチェーン",
        "チェーンを間違",
        "誤ったネットワーク",
    ),
    "net_erc20": ("イーサリアム",),
    "net_trc20": ("トロン",),
    "net_bep20": ("BNBスマートチェーン",),
    "withdraw": ("出金", "引き出し"),
    "pending": ("処理中", "止まった", "保留"),
    "deposit": ("入金",),
    "not_credited": ("反映されて", "入金されていません", "着金していません"),
    "account_locked": ("ロック", "凍結", "停止"),
    "kyc": ("本人確認", "審査", "パスポート", "自撮り"),
    "fees": ("手数料",),
    "fee_detail": ("最低", "いくら", "引かれた"),
    "token_launch": ("上場", "購入方法", "買い方", "エアドロップ", "ローンチ", "プレセール"),
    "p2p": ("売り手", "買い手", "リリース"),
    "complaint": ("苦情", "クレーム", "最悪", "がっかり", "納得できません"),
    "greeting": ("こんにちは", "こんばんは", "はじめまして"),
}
